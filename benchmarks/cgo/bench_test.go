// The cgo peer's benchmarks, each the counterpart of a JMH benchmark of Tunnel's
// benchmarks module, measured with the testing package:
//
//	BenchmarkCFloorSynthetic        SyntheticEventBenchmark.cFloor
//	BenchmarkCgoHandleSynthetic     SyntheticEventBenchmark peers: C gateway -> exported Go, cgo.Handle user_data
//	BenchmarkCgoNoHandleSynthetic   the same with the visitor in a package variable (no handle)
//	BenchmarkCFloorMemory           TraversalBenchmark.cFloor (traverse_memory over LineData)
//	BenchmarkCgoHandleMemory        TraversalBenchmark peers, cgo.Handle user_data
//	BenchmarkCgoNoHandleMemory      the same without the handle
//	BenchmarkCgoHandleCycle         HandleBenchmark.cycle_{1t,2t}_*: NewHandle, Value, Delete
//	BenchmarkCgoHandleLookup        HandleBenchmark.lookup_{1t,2t}_*: Value, 1000 other handles live
//	BenchmarkCoreCheck              no counterpart: arithmetic alone, to see whether 2 threads got 2 cores
//
// One op of a traversal benchmark is one traversal of 100,000 events; the ns/event metric is
// the JMH score (@OperationsPerInvocation(100_000)). The handle benchmarks run threads=1 and
// threads=2 goroutines that each do b.N ops, so ns/op is the time per op per thread, as JMH's
// average time with @Threads(2) (B/op, from the testing package, counts all threads). Every
// benchmark checks the sums its callbacks computed.
package cgobench

import (
	"fmt"
	"runtime/cgo"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// perEvent runs op b.N times and reports ns per event.
func perEvent(b *testing.B, op func()) {
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		op()
	}
	elapsed := time.Since(start)
	b.StopTimer()
	b.ReportMetric(float64(elapsed.Nanoseconds())/float64(b.N)/Events, "ns/event")
}

func BenchmarkCFloorSynthetic(b *testing.B) {
	want := SyntheticSum()
	perEvent(b, func() {
		if got := FloorEvents(); got != want {
			b.Fatalf("floor sum %d, want %d", got, want)
		}
	})
}

func BenchmarkCFloorMemory(b *testing.B) {
	lines := NewLines()
	defer lines.Free()
	perEvent(b, func() {
		if got := FloorMemory(lines); got != MemorySum {
			b.Fatalf("floor sum %d, want %d", got, MemorySum)
		}
	})
}

// withHandle runs traversal b.N times with a handle to a fresh visitor, then checks that the
// visitor saw b.N traversals' worth of events.
func withHandle(b *testing.B, perRun int64, traversal func(cgo.Handle) int) {
	v := &Visitor{}
	h := cgo.NewHandle(v)
	defer h.Delete()
	perEvent(b, func() {
		if status := traversal(h); status != 0 {
			b.Fatalf("traversal status %d", status)
		}
	})
	if want := perRun * int64(b.N); v.Sum != want {
		b.Fatalf("visitor sum %d, want %d", v.Sum, want)
	}
}

func BenchmarkCgoHandleSynthetic(b *testing.B) {
	withHandle(b, SyntheticSum(), HandleEvents)
}

func BenchmarkCgoHandleMemory(b *testing.B) {
	lines := NewLines()
	defer lines.Free()
	withHandle(b, MemorySum, func(h cgo.Handle) int { return HandleMemory(lines, h) })
}

// withGlobal is withHandle for the no-handle variant.
func withGlobal(b *testing.B, perRun int64, traversal func() int) {
	GlobalVisitor = Visitor{}
	perEvent(b, func() {
		if status := traversal(); status != 0 {
			b.Fatalf("traversal status %d", status)
		}
	})
	if want := perRun * int64(b.N); GlobalVisitor.Sum != want {
		b.Fatalf("visitor sum %d, want %d", GlobalVisitor.Sum, want)
	}
}

func BenchmarkCgoNoHandleSynthetic(b *testing.B) {
	withGlobal(b, SyntheticSum(), GlobalEvents)
}

func BenchmarkCgoNoHandleMemory(b *testing.B) {
	lines := NewLines()
	defer lines.Free()
	withGlobal(b, MemorySum, func() int { return GlobalMemory(lines) })
}

// Threads are the thread counts of HandleBenchmark (_1t, _2t).
var threads = []int{1, 2}

// onThreads runs body(b.N) on n goroutines at once; body reports a failure as an error.
func onThreads(b *testing.B, n int, body func(iterations int) error) {
	errs := make(chan error, n)
	var ready, done sync.WaitGroup
	ready.Add(n)
	done.Add(n)
	begin := make(chan struct{})
	for t := 0; t < n; t++ {
		go func() {
			defer done.Done()
			ready.Done()
			<-begin
			if err := body(b.N); err != nil {
				errs <- err
			}
		}()
	}
	ready.Wait()
	b.ResetTimer()
	close(begin)
	done.Wait()
	b.StopTimer()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
}

func BenchmarkCgoHandleCycle(b *testing.B) {
	for _, n := range threads {
		b.Run(fmt.Sprintf("threads=%d", n), func(b *testing.B) {
			onThreads(b, n, func(iterations int) error {
				value := &Visitor{} // a value per thread, so the cycle measures the table
				for i := 0; i < iterations; i++ {
					h := cgo.NewHandle(value)
					got := h.Value()
					h.Delete()
					if got != value {
						return fmt.Errorf("handle gave %v, want %v", got, value)
					}
				}
				return nil
			})
		})
	}
}

func BenchmarkCgoHandleLookup(b *testing.B) {
	// A thousand other handles live, as HandleBenchmark.Live, so the table is not at its emptiest.
	others := make([]cgo.Handle, 1000)
	for i := range others {
		others[i] = cgo.NewHandle(i)
	}
	defer func() {
		for _, h := range others {
			h.Delete()
		}
	}()
	for _, n := range threads {
		b.Run(fmt.Sprintf("threads=%d", n), func(b *testing.B) {
			onThreads(b, n, func(iterations int) error {
				value := &Visitor{}
				h := cgo.NewHandle(value) // a handle per thread
				defer h.Delete()
				var got any
				for i := 0; i < iterations; i++ {
					got = h.Value()
				}
				if got != value {
					return fmt.Errorf("handle gave %v, want %v", got, value)
				}
				return nil
			})
		})
	}
}

// spin is BenchmarkCoreCheck's work: a dependent chain of multiplies, no memory traffic.
var spinSink [2]uint64

// BenchmarkCoreCheck times the same arithmetic on 1 and 2 threads: on a machine whose two
// cores are free, threads=2 is as fast as threads=1. When it is about twice as slow, another
// process held a core (the kernel's autogroup scheduling can give even a nice 19 process of
// another session a whole core), and the 2-thread handle figures are per-thread times on
// a shared core, not what two free cores give.
func BenchmarkCoreCheck(b *testing.B) {
	for _, n := range threads {
		b.Run(fmt.Sprintf("threads=%d", n), func(b *testing.B) {
			var next int32
			onThreads(b, n, func(iterations int) error {
				slot := atomic.AddInt32(&next, 1) - 1
				x := uint64(slot)
				for i := 0; i < iterations; i++ {
					x = x*6364136223846793005 + 1442695040888963407
				}
				spinSink[slot] = x
				return nil
			})
		})
	}
}

// TestWorkloads checks, once each, that every case sees exactly the events of its workload.
func TestWorkloads(t *testing.T) {
	lines := NewLines()
	defer lines.Free()
	if got, want := FloorEvents(), SyntheticSum(); got != want {
		t.Errorf("FloorEvents = %d, want %d", got, want)
	}
	if got := FloorMemory(lines); got != MemorySum {
		t.Errorf("FloorMemory = %d, want %d", got, MemorySum)
	}
	v := &Visitor{}
	h := cgo.NewHandle(v)
	defer h.Delete()
	if status := HandleEvents(h); status != 0 || v.Sum != SyntheticSum() {
		t.Errorf("HandleEvents: status %d, sum %d, want 0, %d", status, v.Sum, SyntheticSum())
	}
	v.Sum = 0
	if status := HandleMemory(lines, h); status != 0 || v.Sum != MemorySum {
		t.Errorf("HandleMemory: status %d, sum %d, want 0, %d", status, v.Sum, MemorySum)
	}
	GlobalVisitor = Visitor{}
	if status := GlobalEvents(); status != 0 || GlobalVisitor.Sum != SyntheticSum() {
		t.Errorf("GlobalEvents: status %d, sum %d", status, GlobalVisitor.Sum)
	}
	GlobalVisitor = Visitor{}
	if status := GlobalMemory(lines); status != 0 || GlobalVisitor.Sum != MemorySum {
		t.Errorf("GlobalMemory: status %d, sum %d", status, GlobalVisitor.Sum)
	}
}
