module tunnel.dev/benchmarks/cgo

go 1.19
