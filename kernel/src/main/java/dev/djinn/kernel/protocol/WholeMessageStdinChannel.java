package dev.djinn.kernel.protocol;

import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.zeromq.ZMQ;

/**
 * jjava's stdin channel reading with {@link MessageReader}, as the shell and control channels do: a short or
 * badly signed message is consumed whole and rejected, instead of being read into the next one. What it sends is
 * dated when sent ({@link SendTime}).
 */
final class WholeMessageStdinChannel extends StdinChannel {
    private final MessageReader reader;

    WholeMessageStdinChannel(ZMQ.Context context, HMACGenerator hmac) {
        super(context, hmac);
        this.reader = new MessageReader(hmac);
    }

    @Override
    public synchronized Message<?> readMessage() {
        return closed ? null : reader.read(this);
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        super.sendMessage(SendTime.stamp(message));
    }
}
