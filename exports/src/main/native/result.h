// libjniresult: the Result example's Java functions, callable from C.
//
// Java's dev.tunnel.result.Result (a short, a long and an unsigned int, printed as
// "1: %d, 2: %d, 3: %d") lives in Java; C holds it through an opaque, non-zero handle:
//
//     uintptr_t result = CNewResult();
//     CResultSet(result, -1, 123, 456);
//     char* str = CResultString(result);
//     printf("%s\n", str);              // 1: -1, 2: 123, 3: 456
//     free(str);
//     CFreeResult(result);
//
// The functions run Java code, so a JVM must be running in the process: either Java loaded
// this library (Java called C, which calls these), or a C program started one with
// CResultStartJVM. Any thread may call them; a native thread is attached to the JVM as a
// daemon thread and detached when it exits.
//
// Errors: no function crashes, aborts or throws into C. A call that fails (a handle that is 0,
// was never issued or was already freed; no JVM; anything Java throws) returns the value
// documented below, leaves every Result as it was, logs the failure with its stack through
// Java's System.Logger "dev.tunnel.result", and CResultLastError() says what went wrong.
#ifndef TUNNEL_RESULT_H
#define TUNNEL_RESULT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// A new Result, all fields 0. Returns its handle, never 0; 0 on failure. Free it with CFreeResult.
uintptr_t CNewResult(void);

// Sets the three fields of the Result. On failure nothing changes.
void CResultSet(uintptr_t result, int16_t val1, int64_t val2, uint32_t val3);

// The Result as "1: <val1>, 2: <val2>, 3: <val3>", in memory from malloc that the caller frees
// with free(). NULL on failure.
char* CResultString(uintptr_t result);

// Deletes the handle: Java may collect the Result, and the handle is invalid from now on.
void CFreeResult(uintptr_t result);

// Why the last call on this thread of a function of this header failed; NULL if it succeeded.
// The text names the function and the handle in hex, for instance
// "CResultSet(0x0000000000000000): dev.tunnel: invalid handle 0x0000000000000000: zero is never a handle".
// It stays valid until this thread calls a function of this header again.
const char* CResultLastError(void);

// For a C program that hosts the JVM: starts one in this process with CLASSPATH as its class
// path, a list of jars and directories separated by ':'. An entry "DIR/*" stands for every jar
// in DIR, as with the java command, and relative entries are made absolute, so the working
// directory does not matter. The class path needs the jars of tunnel-result, tunnel-runtime
// and JavaCPP (its platform jar too): the build collects them in exports/target/c/java. The
// JVM is the libjvm.so the process loaded (see LD_LIBRARY_PATH in the README).
// Returns 0 on success, a negative number on failure (see CResultLastError). One JVM per
// process, started once: it cannot be started again after CResultStopJVM.
int CResultStartJVM(const char* classpath);

// Stops the JVM that CResultStartJVM started, once its non-daemon threads have ended. Returns
// 0 on success, a negative number on failure. No function of this header works after it.
int CResultStopJVM(void);

#ifdef __cplusplus
}
#endif

#endif
