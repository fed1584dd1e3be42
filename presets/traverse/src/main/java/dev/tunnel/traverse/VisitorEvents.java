package dev.tunnel.traverse;

import dev.tunnel.spi.BatchBuffer;

/**
 * Which events a visitor class wants: those whose method it overrides. Computed once per
 * class, so a traversal pays no reflection.
 */
final class VisitorEvents {
    private static final ClassValue<VisitorEvents> BY_CLASS = new ClassValue<>() {
        @Override
        protected VisitorEvents computeValue(Class<?> type) {
            return new VisitorEvents(overrides(type, "start", int.class), overrides(type, "end", int.class, int.class));
        }
    };

    final boolean start;
    final boolean end;

    VisitorEvents(boolean start, boolean end) {
        this.start = start;
        this.end = end;
    }

    /**
     * The batch record layout for these events, as traverse_batched.h chooses it: pairs when
     * one kind is wanted (the kind is implied), kind records when both are.
     */
    int recordInts() {
        return start && end ? BatchBuffer.RECORD_INTS : BatchBuffer.PAIR_INTS;
    }

    static VisitorEvents of(Visitor visitor) {
        return BY_CLASS.get(visitor.getClass());
    }

    static VisitorEvents of(Callbacks callbacks) {
        return new VisitorEvents(callbacks.start() != null, callbacks.end() != null);
    }

    private static boolean overrides(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters).getDeclaringClass() != Visitor.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Visitor." + name + " must exist", e);
        }
    }
}
