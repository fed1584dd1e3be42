/**
 * Tunnel's SPI, for binding authors: {@link dev.tunnel.spi.Callback} declarations the build
 * turns into gateways, the {@link dev.tunnel.spi.CallbackScope} a call into C shares with them,
 * gateway checks, the views of memory C lends to a callback, batched delivery for any void
 * callback ({@link dev.tunnel.spi.EventBatch}, with {@code dev/tunnel/include/tunnel_events.h}),
 * the int-pair batch buffers of {@code dev/tunnel/include/tunnel_batch.h}, and
 * {@link dev.tunnel.spi.Closure}s with the trampolines of {@code dev/tunnel/include/tunnel_closure.h}.
 */
module dev.tunnel.spi {
    requires transitive dev.tunnel;
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel.spi;
}
