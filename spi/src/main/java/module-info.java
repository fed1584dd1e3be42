/**
 * Tunnel's SPI, for binding authors: {@link dev.tunnel.spi.Callback} declarations the build
 * turns into gateways, the {@link dev.tunnel.spi.CallbackScope} a call into C shares with them,
 * gateway checks, the views of memory C lends to a callback, batch buffers with the C
 * gateways of {@code dev/tunnel/include/tunnel_batch.h}, and {@link dev.tunnel.spi.Closure}s
 * with the trampolines of {@code dev/tunnel/include/tunnel_closure.h}.
 */
module dev.tunnel.spi {
    requires transitive dev.tunnel;
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel.spi;
}
