/**
 * Tunnel's core, for everyone: {@link dev.tunnel.Handle}, which carries a Java object through C
 * as an opaque {@code void*} or {@code uintptr_t} and rejects stale or forged addresses, and its
 * exception. Binding authors build on {@code dev.tunnel.spi}; concurrency helpers are in
 * {@code dev.tunnel.threads}.
 */
module dev.tunnel {
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel;
    // the lock-free lookup gateways use; not part of any public API
    exports dev.tunnel.internal to dev.tunnel.spi;
}
