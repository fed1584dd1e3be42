/*
 * libtraverse compiled into the cgo peer as it is: cgo builds the .c files of its package
 * directory, so this includes Tunnel's own source rather than a copy of it. The package's
 * #cgo CFLAGS (-O2, as cppbuild.sh builds libtraverse) apply.
 */
#include "../../src/traverse.c"
