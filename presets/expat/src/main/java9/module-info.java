/**
 * Tunnel's binding of libexpat: the XML parser API ({@code dev.tunnel.expat}), the generated
 * JavaCPP bindings and the preset they come from.
 */
module dev.tunnel.expat {
    // the generated handlers and the API's views are SPI types
    requires transitive dev.tunnel.spi;
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel.expat;
    exports dev.tunnel.expat.global;
    exports dev.tunnel.expat.lib;
    exports dev.tunnel.expat.presets;
}
