/**
 * Tunnel's binding of libtraverse: the idiomatic API ({@code dev.tunnel.traverse}), the
 * generated JavaCPP bindings and the preset they come from.
 */
module dev.tunnel.traverse {
    requires transitive dev.tunnel;
    // the generated gateways of the exported raw bindings name SPI types
    requires transitive dev.tunnel.spi;
    requires dev.tunnel.threads;
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel.traverse;
    exports dev.tunnel.traverse.global;
    exports dev.tunnel.traverse.lib;
    exports dev.tunnel.traverse.presets;
}
