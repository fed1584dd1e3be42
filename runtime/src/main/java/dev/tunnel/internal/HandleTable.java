package dev.tunnel.internal;

import dev.tunnel.Handle;
import dev.tunnel.InvalidHandleException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * The table behind {@link Handle}: it maps the addresses C code holds to the Java values they
 * stand for.
 *
 * <p>An address is {@code generation << 32 | index << STRIPE_BITS | stripe}:
 * <ul>
 * <li>{@code stripe} (low 4 bits) picks one of 16 stripes, each with its own slots and lock, so
 *     that threads creating handles at the same time rarely meet;</li>
 * <li>{@code index} (next 28 bits) is the slot within the stripe;</li>
 * <li>{@code generation} (high 32 bits) is the slot's stamp while the handle lives. Stamps are
 *     odd while a slot is live and even while it is free, and grow by one at every change, so
 *     every address has bit 32 set (none is 0), none has its sign bit set, and an address stays
 *     invalid once its handle is deleted, even after the slot is reused.</li>
 * </ul>
 *
 * <p>A slot whose last generation ({@code maxStamp}) is deleted is retired, never reused, so
 * generations never wrap. With the default limit that takes 2<sup>30</sup> lives of one slot,
 * and costs the slot's 12 bytes.
 *
 * <p>Lookups take no lock and allocate nothing: an indexed read of the stamp, the value and the
 * stamp again, seqlock-style, so a delete and reuse that races with the lookup can only make it
 * fail, never return the newer value. Creates and deletes lock one stripe for a few stores: a
 * create the caller's (chosen by thread id, or any free one if that is busy), a delete the one
 * the address names, where its slot goes back on the free list. Slow work is decided under the
 * lock and done outside it: a failed delete builds its exception, and a create that needs a new
 * chunk allocates it, with no lock held.
 *
 * <p>Slots live in chunks of 64, 128, 256 … slots, found through a directory sized up front, so
 * growing a stripe adds a chunk and never moves an entry that a reader may be reading.
 *
 * <p>The stripes are kept because they pay where several threads call into C at once, each
 * call creating and deleting a handle: {@code HandleStripesBenchmark} (JDK 17, 2 cores) measured
 * a create/lookup/delete cycle at 18.7, 19.7 and 36.8 ns per thread on 1, 2 and 4 threads,
 * against 21.1, 56.0 and 137 ns for the same table with every create and delete on one lock
 * ({@link #withOneLock()}). On one thread they cost nothing measurable.
 *
 * <p>Internal to Tunnel: the module exports this package to {@code dev.tunnel.spi} only, whose
 * gateways look addresses up without throwing. Users go through {@link Handle}.
 *
 * <pre>{@code
 * Object value = HandleTable.global().find(address); // HandleTable.INVALID if not a live handle
 * }</pre>
 */
public final class HandleTable {

    public static final int STRIPE_BITS = 4;
    public static final int STRIPES = 1 << STRIPE_BITS;
    private static final int STRIPE_MASK = STRIPES - 1;

    private static final int FIRST_CHUNK_BITS = 6;
    private static final int FIRST_CHUNK = 1 << FIRST_CHUNK_BITS;
    /**
     * Slots a stripe can hold: exactly chunks 0 to 21 (64 to 2<sup>27</sup> slots), 64 short of
     * what 28 bits can number, where a chunk 22 would hold 2<sup>28</sup> slots for the last 64.
     */
    public static final int STRIPE_CAPACITY = (1 << (32 - STRIPE_BITS)) - FIRST_CHUNK;
    /**
     * Bits of a chunk's number. Any 28-bit index maps to chunks 0 to 22, and 22 to 31 stay null,
     * so that a forged index finds no chunk rather than the end of an array.
     */
    private static final int CHUNK_NUMBER_BITS = 5;

    /** The last odd stamp before the sign bit, the default generation limit. */
    public static final int MAX_STAMP = Integer.MAX_VALUE;

    /** What {@link #find} returns for an invalid address, so that lookups need not throw or box. */
    public static final Object INVALID = new Object();

    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(int[].class);
    private static final VarHandle VALUE = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle CHUNK = MethodHandles.arrayElementVarHandle(Chunk[].class);

    /**
     * Every stripe's chunks, at {@code stripe << CHUNK_NUMBER_BITS | number}: one array, so a
     * lookup is one load from it. Read without a lock: a chunk is stored once, by the stripe's
     * lock holder with release semantics, and never replaced. Kept apart from {@link Stripe} so
     * that lookups never touch the cache line the stripe's lock lives on.
     */
    private final Chunk[] chunks = new Chunk[STRIPES << CHUNK_NUMBER_BITS];
    private final Stripe[] stripes = new Stripe[STRIPES];
    /** The last live stamp a slot gets before it is retired: odd, and {@link #MAX_STAMP} but in tests. */
    private final int maxStamp;
    /**
     * Test seam: runs just before each piece of slow work (building an exception, allocating a
     * chunk), so that a test can check that no stripe lock is held then. A no-op but in tests;
     * only cold paths call it.
     */
    private final Runnable beforeSlowWork;
    /** Which stripes creates spread over: {@code STRIPE_MASK}, or 0 for the one-lock control. */
    private final int createMask;

    public HandleTable() {
        this(MAX_STAMP);
    }

    /** @param maxStamp the last (odd) generation of a slot; tests use a small one to see slots retire */
    public HandleTable(int maxStamp) {
        this(maxStamp, () -> { });
    }

    /**
     * For tests only.
     *
     * @param beforeSlowWork see {@link #beforeSlowWork}
     */
    public HandleTable(int maxStamp, Runnable beforeSlowWork) {
        this(maxStamp, beforeSlowWork, STRIPE_MASK);
    }

    /**
     * The control of {@code HandleStripesBenchmark}: a table whose creates and deletes all take
     * one lock, as if it had a single stripe. Lookups are the same.
     */
    public static HandleTable withOneLock() {
        return new HandleTable(MAX_STAMP, () -> { }, 0);
    }

    private HandleTable(int maxStamp, Runnable beforeSlowWork, int createMask) {
        this.beforeSlowWork = beforeSlowWork;
        this.createMask = createMask;
        if (maxStamp <= 0 || (maxStamp & 1) == 0) {
            throw new IllegalArgumentException("dev.tunnel: maxStamp must be odd and positive, not " + maxStamp);
        }
        this.maxStamp = maxStamp;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(i);
        }
    }

    /** Slots of one stripe: stamps, values, free-list links and (only if handles were traced) creation stacks. */
    private static final class Chunk {
        final int[] stamps;
        final Object[] values;
        /** While a slot is free, the index of the next free slot of its stripe, or -1. Guarded by the stripe's lock. */
        final int[] nextFree;
        /** Creation stack per slot, allocated on the first traced create. Guarded by the stripe's lock. */
        Throwable[] traces;

        Chunk(int size) {
            stamps = new int[size];
            values = new Object[size];
            nextFree = new int[size];
        }
    }

    /** Creates a handle for {@code value}, keeping {@code trace} (if not null) as its creation stack. */
    public long create(Object value, Throwable trace) {
        // Thread ids are usually consecutive, so a few busy threads get a stripe each.
        @SuppressWarnings("deprecation") // Thread.threadId() only exists from JDK 19 on
        int first = (int) Thread.currentThread().getId() & createMask;
        Stripe stripe = stripes[first];
        if (!stripe.tryLock()) {
            stripe = lockAnyStripe(first);
        }
        long address;
        try {
            address = create(stripe, value, trace, null);
        } finally {
            stripe.unlock();
        }
        return address > 0 ? address : createSlowly(stripe, value, trace, address);
    }

    /**
     * What {@link #create(Stripe, Object, Throwable, Chunk)} would not do under the lock:
     * {@code need} is {@link #FULL}, or minus the size of the chunk the stripe's next slot needs.
     * Allocates that chunk (up to 2<sup>27</sup> slots) with no lock held, then tries again in
     * the same stripe, where another thread may have added the chunk meanwhile (this one is then
     * dropped) or used it up (a larger one is then needed).
     */
    private long createSlowly(Stripe stripe, Object value, Throwable trace, long need) {
        while (need != FULL) {
            beforeSlowWork.run();
            Chunk spare = new Chunk((int) -need);
            stripe.lock();
            try {
                need = create(stripe, value, trace, spare);
            } finally {
                stripe.unlock();
            }
            if (need > 0) {
                return need;
            }
        }
        beforeSlowWork.run();
        throw new IllegalStateException("dev.tunnel: handle table full: stripe " + stripe.id
                + " holds " + STRIPE_CAPACITY + " handles; are handles being deleted?");
    }

    /** Any stripe is as good as another for a create: take the first idle one, or else wait. */
    private Stripe lockAnyStripe(int first) {
        for (int i = 1; i <= createMask; i++) {
            Stripe stripe = stripes[(first + i) & STRIPE_MASK];
            if (stripe.tryLock()) {
                return stripe;
            }
        }
        Stripe stripe = stripes[first];
        stripe.lock();
        return stripe;
    }

    /**
     * The value of a live handle, or {@link #INVALID}. Lock-free and allocation-free: this is the
     * path every callback from C takes.
     */
    public Object find(long address) {
        int stamp = (int) (address >>> 32);
        int slot = (int) address;
        int index = slot >>> STRIPE_BITS;
        Chunk chunk = (Chunk) CHUNK.getAcquire(chunks, (slot & STRIPE_MASK) << CHUNK_NUMBER_BITS | chunkNumber(index));
        // An even stamp is a free slot's, never a handle's.
        if (chunk != null && (stamp & 1) != 0) {
            int offset = offsetOf(index);
            int[] stamps = chunk.stamps;
            if ((int) STAMP.getAcquire(stamps, offset) == stamp) {
                Object value = VALUE.getAcquire(chunk.values, offset);
                // Writers change the stamp before they store a value (both with release), so if the
                // value read above came from a later life of the slot, this read sees the change.
                if ((int) STAMP.getAcquire(stamps, offset) == stamp) {
                    return value;
                }
            }
        }
        return INVALID;
    }

    /** The value of a live handle; throws {@link InvalidHandleException} saying why otherwise. */
    public Object get(long address) {
        Object value = find(address);
        if (value == INVALID) {
            throw invalid(address);
        }
        return value;
    }

    /** Deletes a live handle, dropping the table's reference to its value; throws if it is not live. */
    public void delete(long address) {
        Stripe stripe = stripes[(int) address & STRIPE_MASK];
        boolean deleted;
        stripe.lock();
        try {
            deleted = delete(stripe, address);
        } finally {
            stripe.unlock();
        }
        if (!deleted) {
            throw invalid(address); // its message and stack take long: built with no lock held
        }
    }

    /** Stripes whose lock is held right now, for tests. */
    public int lockedStripes() {
        int locked = 0;
        for (Stripe stripe : stripes) {
            locked += (int) LOCK.getOpaque(stripe);
        }
        return locked;
    }

    /** Handles currently live: exact when no other thread is creating or deleting. */
    public long live() {
        long live = 0;
        for (Stripe stripe : stripes) {
            live += (int) LIVE.getOpaque(stripe);
        }
        return live;
    }

    /**
     * One line per live handle: its address, the class of its value and, if it was created with a
     * trace, the stack that created it.
     */
    public List<String> liveTraces() {
        List<LiveHandle> live = new ArrayList<>();
        for (Stripe stripe : stripes) {
            stripe.lock();
            try {
                collectLive(stripe, live);
            } finally {
                stripe.unlock();
            }
        }
        // Formatting stacks takes long: done with no lock held.
        List<String> lines = new ArrayList<>(live.size());
        for (LiveHandle handle : live) {
            lines.add(handle.describe());
        }
        return lines;
    }

    /** What {@link #liveTraces()} reports of a handle. */
    private record LiveHandle(long address, Object value, Throwable trace) {
        String describe() {
            StringBuilder line = new StringBuilder(String.format("0x%016x -> %s", address,
                    value == null ? "null" : value.getClass().getName()));
            if (trace == null) {
                line.append(" (creation stack not recorded: run with -D").append(Handle.TRACE_PROPERTY).append("=true)");
            } else {
                line.append(", created");
                for (StackTraceElement frame : trace.getStackTrace()) {
                    line.append(System.lineSeparator()).append("\tat ").append(frame);
                }
            }
            return line.toString();
        }
    }

    /** The exception for an address that is not live, its message saying why. */
    public InvalidHandleException invalid(long address) {
        beforeSlowWork.run();
        return new InvalidHandleException(address, whyInvalid(address));
    }

    private String whyInvalid(long address) {
        if (address == 0) {
            return "zero is never a valid handle (a NULL void* or an unset user_data?)";
        }
        int stamp = (int) (address >>> 32);
        int slot = (int) address;
        if (stamp <= 0 || (stamp & 1) == 0 || stamp > maxStamp) {
            return String.format("out of range: Tunnel never issues generation 0x%08x"
                    + " (generations are odd, from 0x00000001 to 0x%08x)", stamp, maxStamp);
        }
        int index = slot >>> STRIPE_BITS;
        if (index >= STRIPE_CAPACITY) {
            return String.format("out of range: slot 0x%08x is beyond the %d slots of a stripe", slot, STRIPE_CAPACITY);
        }
        Stripe stripe = stripes[slot & STRIPE_MASK];
        Chunk chunk = (Chunk) CHUNK.getAcquire(chunks, stripe.firstChunk + chunkNumber(index));
        if (chunk == null || index >= (int) ALLOCATED.getOpaque(stripe)) {
            return String.format("never issued: slot 0x%08x has never been used", slot);
        }
        int current = (int) STAMP.getAcquire(chunk.stamps, offsetOf(index));
        if (current == stamp) {
            return "its slot changed while it was being looked up (deleted, or created only just now)";
        }
        if (Integer.compareUnsigned(stamp, current) > 0) {
            return String.format("never issued: slot 0x%08x has only reached generation 0x%08x", slot, current);
        }
        if (current == maxStamp + 1) {
            return String.format("deleted: stale generation 0x%08x; slot 0x%08x is retired,"
                    + " it reached its last generation", stamp, slot);
        }
        if ((current & 1) == 0) {
            return String.format("deleted: stale generation 0x%08x; slot 0x%08x is free", stamp, slot);
        }
        return String.format("deleted: stale generation 0x%08x; slot 0x%08x has been reused"
                + " for generation 0x%08x", stamp, slot, current);
    }

    private static long address(int stamp, int index, int stripe) {
        return (long) stamp << 32 | ((index << STRIPE_BITS | stripe) & 0xFFFF_FFFFL);
    }

    /** Which of its stripe's chunks holds slot {@code index}: chunk n holds {@code FIRST_CHUNK << n} slots. */
    private static int chunkNumber(int index) {
        return 31 - FIRST_CHUNK_BITS - Integer.numberOfLeadingZeros(index + FIRST_CHUNK);
    }

    /** Where in its chunk slot {@code index} is. */
    private static int offsetOf(int index) {
        int biased = index + FIRST_CHUNK;
        return biased - Integer.highestOneBit(biased);
    }

    /** The chunk of slot {@code index}, for the holder of {@code stripe}'s lock (which stores chunks). */
    private Chunk chunkOf(Stripe stripe, int index) {
        return chunks[stripe.firstChunk + chunkNumber(index)];
    }

    /** What {@link #create(Stripe, Object, Throwable, Chunk)} returns when the stripe has no slot left. */
    private static final long FULL = -1;

    /**
     * Creates a handle in {@code stripe}, whose lock the caller holds, and returns its address.
     * Does no slow work under the lock: if the stripe is full it returns {@link #FULL}, and if the
     * next slot is the first of a chunk not yet allocated it takes {@code spare} for that chunk, or
     * returns minus the chunk's size (at most -64) when {@code spare} is null or of another size.
     */
    private long create(Stripe stripe, Object value, Throwable trace, Chunk spare) {
        int index = stripe.freeHead;
        Chunk chunk;
        int offset;
        if (index >= 0) {
            chunk = chunkOf(stripe, index);
            offset = offsetOf(index);
            stripe.freeHead = chunk.nextFree[offset];
        } else {
            index = stripe.allocated;
            if (index == STRIPE_CAPACITY) {
                return FULL;
            }
            int biased = index + FIRST_CHUNK;
            if (Integer.bitCount(biased) == 1) { // the first slot of a chunk not yet allocated
                if (spare == null || spare.stamps.length != biased) {
                    return -biased;
                }
                CHUNK.setRelease(chunks, stripe.firstChunk + chunkNumber(index), spare);
            }
            ALLOCATED.setOpaque(stripe, index + 1);
            chunk = chunkOf(stripe, index);
            offset = offsetOf(index);
        }
        int stamp = chunk.stamps[offset] + 1; // free (even) to live (odd)
        // The value first, then the stamp that makes it visible to lookups.
        VALUE.setRelease(chunk.values, offset, value);
        STAMP.setRelease(chunk.stamps, offset, stamp);
        if (trace != null) {
            if (chunk.traces == null) {
                chunk.traces = new Throwable[chunk.stamps.length];
            }
            chunk.traces[offset] = trace;
        }
        LIVE.setOpaque(stripe, stripe.live + 1);
        return address(stamp, index, stripe.id);
    }

    /**
     * Deletes the handle at {@code address} from {@code stripe}, whose lock the caller holds;
     * false if it is not live (the caller throws, once it has let go of the lock).
     */
    private boolean delete(Stripe stripe, long address) {
        int stamp = (int) (address >>> 32);
        int index = (int) address >>> STRIPE_BITS;
        Chunk chunk = chunkOf(stripe, index);
        int offset = offsetOf(index);
        // Stamps only change under this lock, so this check and the change below are atomic.
        if (chunk == null || (stamp & 1) == 0 || chunk.stamps[offset] != stamp) {
            return false;
        }
        // The stamp first, so that a lookup that sees the cleared (or a later) value also sees it.
        STAMP.setRelease(chunk.stamps, offset, stamp + 1);
        VALUE.setRelease(chunk.values, offset, null);
        if (chunk.traces != null) {
            chunk.traces[offset] = null;
        }
        LIVE.setOpaque(stripe, stripe.live - 1);
        if (stamp != maxStamp) {
            chunk.nextFree[offset] = stripe.freeHead;
            stripe.freeHead = index;
        }
        // else: retired. Its stamp stays at maxStamp + 1, which no address can carry.
        return true;
    }

    /** Adds every live handle of {@code stripe}, whose lock the caller holds, to {@code live}. */
    private void collectLive(Stripe stripe, List<LiveHandle> live) {
        for (int index = 0; index < stripe.allocated; index++) {
            Chunk chunk = chunkOf(stripe, index);
            int offset = offsetOf(index);
            int stamp = chunk.stamps[offset];
            if ((stamp & 1) != 0) {
                live.add(new LiveHandle(address(stamp, index, stripe.id), chunk.values[offset],
                        chunk.traces == null ? null : chunk.traces[offset]));
            }
        }
    }

    // A stripe's fields sit between 128 bytes of padding on each side, so that threads working on
    // different stripes never write to the same cache line, or to the pair of lines that
    // adjacent-line prefetch fetches together, wherever the GC moves the stripes. HotSpot lays
    // out superclass fields first; the int fills the gap after the object header, which would
    // otherwise take the first int of a subclass, outside the padding.
    @SuppressWarnings("unused")
    private static class PadBefore {
        int p;
        long p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, pa, pb, pc, pd, pe, pf;
    }

    private static class StripeFields extends PadBefore {
        final int id;
        /** Where this stripe's chunks start in {@link HandleTable#chunks}. */
        final int firstChunk;
        /** 0 free, 1 held: a spin lock, as it is held for a few stores only. */
        int lock;
        /** Slots ever used: indices below this have a chunk. Guarded by lock, read by diagnostics. */
        int allocated;
        /** Live handles in this stripe. Guarded by lock, read by {@link #live()}. */
        int live;
        /**
         * The most recently freed slot, or -1: free slots form a stack (linked through
         * {@link Chunk#nextFree}) so that the cache-warm slot is reused first. Guarded by lock.
         */
        int freeHead = -1;

        StripeFields(int id) {
            this.id = id;
            this.firstChunk = id << CHUNK_NUMBER_BITS;
        }
    }

    @SuppressWarnings("unused")
    private static class PadAfter extends StripeFields {
        long q0, q1, q2, q3, q4, q5, q6, q7, q8, q9, qa, qb, qc, qd, qe, qf;

        PadAfter(int id) {
            super(id);
        }
    }

    private static final VarHandle LOCK;
    private static final VarHandle ALLOCATED;
    private static final VarHandle LIVE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCK = lookup.findVarHandle(StripeFields.class, "lock", int.class);
            ALLOCATED = lookup.findVarHandle(StripeFields.class, "allocated", int.class);
            LIVE = lookup.findVarHandle(StripeFields.class, "live", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final HandleTable GLOBAL = new HandleTable();

    /** The table of every {@link Handle} in the process. */
    public static HandleTable global() {
        return GLOBAL;
    }

    /** A stripe: its lock, free list and counts. */
    private static final class Stripe extends PadAfter {

        Stripe(int id) {
            super(id);
        }

        boolean tryLock() {
            return (int) LOCK.getOpaque(this) == 0 && LOCK.compareAndSet(this, 0, 1);
        }

        void lock() {
            for (int spins = 0; !tryLock(); spins++) {
                // The holder is a few stores from done, unless it has lost its CPU: then let it run.
                if (spins < 100) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void unlock() {
            LOCK.setRelease(this, 0);
        }
    }
}
