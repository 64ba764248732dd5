package dev.djinn.kernel.protocol;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/** jjava's IOPub channel, each message dated when it is sent ({@link SendTime}). */
final class DatedIOPubChannel extends IOPubChannel {
    DatedIOPubChannel(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        super.sendMessage(SendTime.stamp(message));
    }
}
