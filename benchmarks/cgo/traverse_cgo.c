/*
 * libtraverse compiled into the cgo peer as it is: cgo builds the .c files of its package
 * directory, so this includes Tunnel's own source rather than a copy of it. With the
 * package's #cgo CFLAGS (-O2) and the -fPIC that go build adds on linux/amd64, gcc generates
 * the same code for it as cppbuild.sh (-O2 -fPIC), e.g. traverse_stop_requested called, not
 * inlined, once per event; only the PLT stubs of the shared libtraverse are missing, as the
 * linker binds these calls directly in an executable.
 */
#include "../../src/traverse.c"
