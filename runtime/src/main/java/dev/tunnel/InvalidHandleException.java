package dev.tunnel;

/**
 * Thrown when an address is not a live {@link Handle}: zero, never issued, already deleted, or
 * not in the format Tunnel issues. The message names the address in hex and says which, for
 * instance:
 *
 * <pre>
 * dev.tunnel: invalid handle 0x0000000300000011: deleted: stale generation 0x00000003; slot 0x00000011 is free
 * </pre>
 *
 * <p>It is a bug in the caller, never a state to recover from: a C library called back with a
 * {@code user_data} that was freed, or Java deleted a handle C still holds. Catch it only at the
 * edge of a callback, to report it instead of letting it unwind into C:
 *
 * <pre>{@code
 * try {
 *     Session session = Handle.valueAt(userData, Session.class);
 *     session.onEvent(event);
 * } catch (InvalidHandleException e) {
 *     log.error("event for a closed session at 0x" + Long.toHexString(e.address()), e);
 * }
 * }</pre>
 */
public class InvalidHandleException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final long address;

    /**
     * @param address the address that is not a live handle
     * @param reason  why, e.g. {@code "deleted: …"}; it follows the address in the message
     */
    public InvalidHandleException(long address, String reason) {
        super(String.format("dev.tunnel: invalid handle 0x%016x: %s", address, reason));
        this.address = address;
    }

    /** The address that is not a live handle, as C passed it ({@code 0} for a null {@code Pointer}). */
    public long address() {
        return address;
    }
}
