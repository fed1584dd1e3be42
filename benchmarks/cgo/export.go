// The Go callbacks that libtraverse reaches through the C gateways of peers.go, as in the
// runtime/cgo callback pattern: exported with //export, so this file's preamble holds
// declarations only. goEnd is the per-event work of the cgo peer, the counterpart of Tunnel's
// Visitor.end and the Java peers' callbacks (sum += b).

package cgobench

import "C"

import (
	"runtime/cgo"
	"unsafe"
)

// GlobalVisitor is the visitor of the no-handle variant.
var GlobalVisitor Visitor

//export goEnd
func goEnd(userData unsafe.Pointer, a, b C.int) {
	v := cgo.Handle(uintptr(userData)).Value().(*Visitor)
	v.Sum += int64(b)
}

//export goEndGlobal
func goEndGlobal(userData unsafe.Pointer, a, b C.int) {
	GlobalVisitor.Sum += int64(b)
}
