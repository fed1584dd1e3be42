/**
 * Tunnel's concurrency helpers for C libraries, usable with or without a binding: a bound on the
 * native threads C creates ({@link dev.tunnel.threads.NativeThreadLimit}), one thread for
 * thread-affine C state ({@link dev.tunnel.threads.DedicatedThread}) and a bounded pool for
 * blocking C calls ({@link dev.tunnel.threads.BlockingCalls}).
 */
module dev.tunnel.threads {
    exports dev.tunnel.threads;
}
