package dev.djinn.kernel.eval;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} calls in cell bytecode so that they
 * throw {@link CellExitException} instead of killing the kernel's JVM (cells run in-process, so a real exit would
 * take the user's variables with it). The SecurityManager trick IJava relied on is gone from Java 24 on.
 */
public final class ExitGuard {
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String SELF = ExitGuard.class.getName().replace('.', '/');

    private ExitGuard() {
    }

    /** Called instead of {@code System.exit(status)} from cell code. */
    public static void exit(int status) {
        throw new CellExitException("System.exit(" + status + ")");
    }

    /** Called instead of {@code runtime.exit(status)} or {@code runtime.halt(status)} from cell code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExitException("Runtime.exit(" + status + ")");
    }

    /** Returns the class bytes with every exit call redirected here; the stack shape is unchanged. */
    public static byte[] guard(byte[] classBytes) {
        ClassReader reader = new ClassReader(classBytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                return new ExitCallRewriter(super.visitMethod(access, name, desc, sig, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class ExitCallRewriter extends MethodVisitor {
        ExitCallRewriter(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(SYSTEM) && name.equals("exit") && desc.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "exit", "(I)V", false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(RUNTIME)
                    && (name.equals("exit") || name.equals("halt")) && desc.equals("(I)V")) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SELF, "runtimeExit", "(Ljava/lang/Runtime;I)V", false);
            } else {
                super.visitMethodInsn(opcode, owner, name, desc, isInterface);
            }
        }
    }
}
