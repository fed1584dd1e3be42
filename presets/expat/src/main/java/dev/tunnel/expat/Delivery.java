package dev.tunnel.expat;

import org.bytedeco.javacpp.Pointer;

/**
 * How one parse's events travel from expat's handlers to the {@link XmlHandler}: one call per
 * event ({@link PerEventCalls}) or in batches ({@link BatchedCalls}). Expat's user data is
 * {@link #userData()}; what the handler threw is rethrown by {@link #finish()}.
 */
interface Delivery extends AutoCloseable {
    /** What expat passes its handlers as their user data (XML_SetUserData). */
    Pointer userData();

    /** Whether C's handlers are the batching gateways ({@code BATCHING}) rather than the per-call ones. */
    boolean batched();

    /** Whether the handler threw (the parse was then stopped through the stop request). */
    boolean failed();

    /** Delivers what is still pending, then rethrows what the handler threw, the same instance. */
    void finish();

    /** Frees what the delivery holds; never throws. */
    @Override
    void close();
}
