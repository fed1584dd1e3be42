// Package cgobench is the cgo peer of Tunnel's JMH benchmarks: Go callbacks driven by the
// same libtraverse C code and the same C harness (benchmarks/src/main/native/bench_peers.h)
// that the Java peers call, so cgo and Java figures measured on one machine compare.
//
// This file holds the C side: the floor (C calling a C function pointer, as
// SyntheticEventBenchmark.cFloor and TraversalBenchmark.cFloor), and the C gateways of the
// runtime/cgo callback pattern, which libtraverse calls as its end callback and which call
// the exported Go functions of export.go. user_data carries a cgo.Handle, converted to void*
// in C so that Go never turns an integer into an unsafe.Pointer.
package cgobench

/*
#cgo CFLAGS: -O2 -I${SRCDIR}/../../src -I${SRCDIR}/../src/main/native
// bench_peers.h includes traverse_batched.h (the preset's), which includes tunnel_batch.h (the runtime's):
// the include paths of the benchmarks' JNI build (benchmarks/pom.xml).
#cgo CFLAGS: -I${SRCDIR}/../../presets/traverse/src/main/native -I${SRCDIR}/../../spi/src/main/resources/dev/tunnel/include
#include <stdint.h>
#include <stdlib.h>
#include "bench_peers.h"

extern void goEnd(void* user_data, int a, int b);
extern void goEndGlobal(void* user_data, int a, int b);

// The article's gateway: a C function libtraverse can hold, calling the exported Go one.
static void endCgo(void* user_data, int a, int b) {
  goEnd(user_data, a, b);
}

static void endCgoGlobal(void* user_data, int a, int b) {
  goEndGlobal(user_data, a, b);
}

static int cgo_handle_events(int64_t lines, uintptr_t handle) {
  return bench_raw_events(lines, endCgo, (void*)handle);
}

static int cgo_handle_memory(const char* data, size_t size, uintptr_t handle) {
  return bench_raw_traverse_memory(data, size, endCgo, (void*)handle);
}

static int cgo_global_events(int64_t lines) {
  return bench_raw_events(lines, endCgoGlobal, NULL);
}

static int cgo_global_memory(const char* data, size_t size) {
  return bench_raw_traverse_memory(data, size, endCgoGlobal, NULL);
}

// Keeps bench_peers.h's unused helper from warning.
static int unused_add_one(int x) { return bench_add_one(x); }
*/
import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// Events is the number of events per traversal, as SyntheticEventBenchmark.EVENTS and
// LineData.LINES.
const Events = 100_000

// LineLength is the length every line of the memory workload reports (LineData.LINE_LENGTH).
const LineLength = 15

// SyntheticSum is what one synthetic traversal adds up: line i has length i % 64.
func SyntheticSum() int64 {
	var sum int64
	for i := 0; i < Events; i++ {
		sum += int64(i % 64)
	}
	return sum
}

// MemorySum is what one traversal of Lines adds up.
const MemorySum = int64(LineLength) * Events

// Lines is LineData's buffer: Events lines of "0123456789abcde\n", in C memory that C reads
// in place, as the Java peers' direct ByteBuffer.
type Lines struct {
	data *C.char
	size C.size_t
}

// NewLines allocates and fills the buffer; Free releases it.
func NewLines() *Lines {
	line := "0123456789abcde\n"
	size := len(line) * Events
	data := (*C.char)(C.malloc(C.size_t(size)))
	buf := unsafe.Slice((*byte)(unsafe.Pointer(data)), size)
	for i := 0; i < Events; i++ {
		copy(buf[i*len(line):], line)
	}
	return &Lines{data: data, size: C.size_t(size)}
}

// Free releases the buffer.
func (l *Lines) Free() {
	C.free(unsafe.Pointer(l.data))
	l.data = nil
}

// FloorEvents runs bench_floor_events: C calling a C function pointer per synthetic event.
// It returns the sum of the line lengths, or -1 if libtraverse failed.
func FloorEvents() int64 {
	return int64(C.bench_floor_events(Events))
}

// FloorMemory runs bench_floor_traverse_memory over l.
func FloorMemory(l *Lines) int64 {
	return int64(C.bench_floor_traverse_memory(l.data, l.size))
}

// Visitor is the Go side of a traversal, as Tunnel's SummingVisitor: it sums the lengths
// the end events report.
type Visitor struct {
	Sum int64
}

// HandleEvents runs the synthetic source with endCgo as the end callback and h as user_data.
func HandleEvents(h cgo.Handle) int {
	return int(C.cgo_handle_events(Events, C.uintptr_t(h)))
}

// HandleMemory runs traverse_memory over l with endCgo as the end callback and h as user_data.
func HandleMemory(l *Lines, h cgo.Handle) int {
	return int(C.cgo_handle_memory(l.data, l.size, C.uintptr_t(h)))
}

// GlobalEvents runs the synthetic source with endCgoGlobal: the gateway and the exported Go
// function, but no handle (the visitor is a package variable), to split the cost of
// crossing from C into Go from that of the handle lookup.
func GlobalEvents() int {
	return int(C.cgo_global_events(Events))
}

// GlobalMemory is GlobalEvents on traverse_memory over l.
func GlobalMemory(l *Lines) int {
	return int(C.cgo_global_memory(l.data, l.size))
}
