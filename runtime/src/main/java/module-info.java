/**
 * Tunnel's runtime: the handle table that carries Java objects through C as {@code void*},
 * and the support every gateway of a Tunnel binding shares.
 */
module dev.tunnel {
    requires transitive org.bytedeco.javacpp;
    exports dev.tunnel;
}
