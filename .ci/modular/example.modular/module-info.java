/** A user's module: requires Tunnel's traverse binding, runs on the module path. */
module example.modular {
    requires dev.tunnel.traverse;
}
