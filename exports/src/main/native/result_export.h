// The C side of libjniresult, compiled (as C++) into the JNI library with the code JavaCPP
// generates; internal to Tunnel, C programs include result.h.
//
// Each function of result.h is a thin wrapper around a Java function: its FFM upcall stub on
// Java 22+, else the JNI function that JavaCPP exports under an internal name (the @Name of an
// export class's call()). The wrapper exists because
// a C caller must never see a failure as anything but a return value and CResultLastError():
//  - the Java side catches every Throwable and records it here (tunnel_result_set_last_error);
//  - if Java could not run at all (no JVM, classes missing), JavaCPP returns 0 without a word
//    to C: the wrapper notices the failure status and says why;
//  - if a Throwable escapes the Java side anyway (an error while reporting an error), JavaCPP
//    turns it into a C++ exception: the wrapper catches it here, before it reaches C frames
//    that cannot unwind.
#ifndef TUNNEL_RESULT_EXPORT_H
#define TUNNEL_RESULT_EXPORT_H

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <jni.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <atomic>
#include <exception>
#include "result.h"

extern "C" {

// The Java functions (dev.tunnel.result.export), defined by JavaCPP further down this file:
// JNI's way into Java. Each returns 0 if Java failed or did not run.
uintptr_t tunnel_result_java_new(void);
int tunnel_result_java_set(uintptr_t result, int16_t val1, int64_t val2, uint32_t val3);
char* tunnel_result_java_string(uintptr_t result);
int tunnel_result_java_free(uintptr_t result);
void tunnel_result_java_a_java_function(void);

// Called by Java (ExportUpcalls) when the library loads, with the FFM upcall stubs of the same
// Java functions on Java 22+ (NULL on Java 17, or with -Dtunnel.upcalls=jni).
void tunnel_result_install_upcalls(void* new_fn, void* set_fn, void* string_fn, void* free_fn, void* a_java_function_fn);

// What tunnel_result_install_upcalls installed, in its order (0: new ... 4: AJavaFunction); NULL
// for none or a WHICH out of range. For tests: C calls exactly these.
void* tunnel_result_installed_upcall(int which);

// The cgo wiki's exported function (result_examples.h), defined here around its Java function.
void AJavaFunction(void);

// JavaCPP's JVM start and stop in -header mode, also defined further down.
int JavaCPP_init(int argc, const char* argv[]);
int JavaCPP_uninit();

// Called by Java (ExportFailure) with the message of a failure on this thread.
void tunnel_result_set_last_error(const char* message);

}

// The FFM upcall stubs Java installed, each NULL until then and on the JNI path: a wrapper calls
// the stub if there is one (about three times faster than JNI), else JavaCPP's JNI function.
// Installed once, before Java returns from loading the library; atomics because a C thread may
// call while Java installs them.
static std::atomic<uintptr_t (*)(void)> tunnel_result_upcall_new(NULL);
static std::atomic<int (*)(uintptr_t, int16_t, int64_t, uint32_t)> tunnel_result_upcall_set(NULL);
static std::atomic<char* (*)(uintptr_t)> tunnel_result_upcall_string(NULL);
static std::atomic<int (*)(uintptr_t)> tunnel_result_upcall_free(NULL);
static std::atomic<void (*)(void)> tunnel_result_upcall_a_java_function(NULL);

void tunnel_result_install_upcalls(void* new_fn, void* set_fn, void* string_fn, void* free_fn, void* a_java_function_fn) {
    tunnel_result_upcall_new.store((uintptr_t (*)(void))new_fn, std::memory_order_release);
    tunnel_result_upcall_set.store((int (*)(uintptr_t, int16_t, int64_t, uint32_t))set_fn, std::memory_order_release);
    tunnel_result_upcall_string.store((char* (*)(uintptr_t))string_fn, std::memory_order_release);
    tunnel_result_upcall_free.store((int (*)(uintptr_t))free_fn, std::memory_order_release);
    tunnel_result_upcall_a_java_function.store((void (*)(void))a_java_function_fn, std::memory_order_release);
}

void* tunnel_result_installed_upcall(int which) {
    switch (which) {
    case 0: return (void*)tunnel_result_upcall_new.load(std::memory_order_acquire);
    case 1: return (void*)tunnel_result_upcall_set.load(std::memory_order_acquire);
    case 2: return (void*)tunnel_result_upcall_string.load(std::memory_order_acquire);
    case 3: return (void*)tunnel_result_upcall_free.load(std::memory_order_acquire);
    case 4: return (void*)tunnel_result_upcall_a_java_function.load(std::memory_order_acquire);
    default: return NULL;
    }
}

// The Java function itself, through its upcall stub if Java installed one, else through JNI.
static inline uintptr_t tunnel_result_java_new_any(void) {
    uintptr_t (*f)(void) = tunnel_result_upcall_new.load(std::memory_order_acquire);
    return f != NULL ? f() : tunnel_result_java_new();
}

static inline int tunnel_result_java_set_any(uintptr_t result, int16_t val1, int64_t val2, uint32_t val3) {
    int (*f)(uintptr_t, int16_t, int64_t, uint32_t) = tunnel_result_upcall_set.load(std::memory_order_acquire);
    return f != NULL ? f(result, val1, val2, val3) : tunnel_result_java_set(result, val1, val2, val3);
}

static inline char* tunnel_result_java_string_any(uintptr_t result) {
    char* (*f)(uintptr_t) = tunnel_result_upcall_string.load(std::memory_order_acquire);
    return f != NULL ? f(result) : tunnel_result_java_string(result);
}

static inline int tunnel_result_java_free_any(uintptr_t result) {
    int (*f)(uintptr_t) = tunnel_result_upcall_free.load(std::memory_order_acquire);
    return f != NULL ? f(result) : tunnel_result_java_free(result);
}

// The message of this thread's last failed call, and whether the last call failed. Per thread
// like errno, so that threads never see each other's errors.
static thread_local char tunnel_result_error[1024];
static thread_local bool tunnel_result_failed = false;

// Set once CResultStopJVM has destroyed the JVM: JNI must not be touched again. (A call racing
// with CResultStopJVM on another thread is the caller's bug; result.h says so.)
static std::atomic<bool> tunnel_result_jvm_stopped(false);

void tunnel_result_set_last_error(const char* message) {
    snprintf(tunnel_result_error, sizeof tunnel_result_error, "%s", message != NULL ? message : "(no message)");
    tunnel_result_failed = true;
}

static void tunnel_result_fail(const char* format, ...) {
    va_list args;
    va_start(args, format);
    vsnprintf(tunnel_result_error, sizeof tunnel_result_error, format, args);
    va_end(args);
    tunnel_result_failed = true;
}

// Why Java did not run a call that returned a failure without recording one.
static const char* tunnel_result_why_java_did_not_run(void) {
    if (tunnel_result_jvm_stopped) {
        return "the JVM was stopped by CResultStopJVM";
    }
    JavaVM* vm;
    jsize count = 0;
    if (JNI_GetCreatedJavaVMs(&vm, 1, &count) != JNI_OK || count == 0) {
        return "no JVM is running in this process (a C program starts one with CResultStartJVM)";
    }
    return "Java could not run the call or say why (see stderr)";
}

// Records the failure of FUNCTION(HANDLE): "<function>(0x<handle>): <reason>".
static void tunnel_result_fail_call(const char* function, uintptr_t handle, bool has_handle, const char* reason) {
    if (has_handle) {
        tunnel_result_fail("%s(0x%016llx): %s", function, (unsigned long long)handle, reason);
    } else {
        tunnel_result_fail("%s(): %s", function, reason);
    }
}

// Runs one call of a Java export: clears this thread's error, refuses if the JVM is gone,
// turns an escaping C++ exception into an error, and explains a failure Java did not record.
// Nothing but the call itself on the way to a success: it is the cost of every export call.
template <typename R, typename Call>
static R tunnel_result_call(const char* function, uintptr_t handle, bool has_handle, Call call) {
    tunnel_result_failed = false;
    if (tunnel_result_jvm_stopped) {
        tunnel_result_fail_call(function, handle, has_handle, tunnel_result_why_java_did_not_run());
        return R();
    }
    R result = R();
    try {
        result = call();
    } catch (const std::exception& e) {
        char reason[768];
        snprintf(reason, sizeof reason, "Java threw past its export: %s", e.what());
        tunnel_result_fail_call(function, handle, has_handle, reason);
        return R();
    } catch (...) {
        tunnel_result_fail_call(function, handle, has_handle, "Java threw past its export");
        return R();
    }
    if (result == R() && !tunnel_result_failed) {
        tunnel_result_fail_call(function, handle, has_handle, tunnel_result_why_java_did_not_run());
    }
    return result;
}

uintptr_t CNewResult(void) {
    return tunnel_result_call<uintptr_t>("CNewResult", 0, false, [] { return tunnel_result_java_new_any(); });
}

void CResultSet(uintptr_t result, int16_t val1, int64_t val2, uint32_t val3) {
    tunnel_result_call<int>("CResultSet", result, true, [=] { return tunnel_result_java_set_any(result, val1, val2, val3); });
}

char* CResultString(uintptr_t result) {
    return tunnel_result_call<char*>("CResultString", result, true, [=] { return tunnel_result_java_string_any(result); });
}

void CFreeResult(uintptr_t result) {
    tunnel_result_call<int>("CFreeResult", result, true, [=] { return tunnel_result_java_free_any(result); });
}

// The cgo wiki's exported AGoFunction, in Java (AJavaFunctionExport). It returns nothing and
// reports nothing: Java logs a failure. A C++ exception from JNI stops here.
void AJavaFunction(void) {
    if (tunnel_result_jvm_stopped) {
        return;
    }
    void (*f)(void) = tunnel_result_upcall_a_java_function.load(std::memory_order_acquire);
    try {
        if (f != NULL) {
            f();
        } else {
            tunnel_result_java_a_java_function();
        }
    } catch (...) {
    }
}

const char* CResultLastError(void) {
    return tunnel_result_failed ? tunnel_result_error : NULL;
}

// ---- Starting the JVM from C ----------------------------------------------------------------

// A growing string, for the class path.
struct tunnel_result_buffer {
    char* data;
    size_t length;
    size_t capacity;
};

static bool tunnel_result_append(tunnel_result_buffer* b, const char* text) {
    size_t n = strlen(text);
    if (b->length + n + 1 > b->capacity) {
        size_t capacity = (b->length + n + 1) * 2;
        char* data = (char*)realloc(b->data, capacity);
        if (data == NULL) {
            return false;
        }
        b->data = data;
        b->capacity = capacity;
    }
    memcpy(b->data + b->length, text, n + 1);
    b->length += n;
    return true;
}

static int tunnel_result_compare_names(const void* a, const void* b) {
    return strcmp(*(char* const*)a, *(char* const*)b);
}

static bool tunnel_result_is_jar(const char* name) {
    size_t n = strlen(name);
    return n > 4 && (strcmp(name + n - 4, ".jar") == 0 || strcmp(name + n - 4, ".JAR") == 0);
}

// Appends every jar in DIR (an entry "DIR/*"), in name order, made absolute. 0 or -1.
static int tunnel_result_append_jars(tunnel_result_buffer* classpath, const char* entry, const char* dir) {
    char absolute[PATH_MAX];
    if (realpath(dir, absolute) == NULL) {
        tunnel_result_fail("CResultStartJVM: class path entry '%s': %s", entry, strerror(errno));
        return -1;
    }
    DIR* d = opendir(absolute);
    if (d == NULL) {
        tunnel_result_fail("CResultStartJVM: class path entry '%s': %s", entry, strerror(errno));
        return -1;
    }
    char** names = NULL;
    size_t count = 0, capacity = 0;
    bool ok = true;
    for (struct dirent* e; ok && (e = readdir(d)) != NULL;) {
        if (!tunnel_result_is_jar(e->d_name)) {
            continue;
        }
        if (count == capacity) {
            capacity = capacity == 0 ? 16 : capacity * 2;
            char** grown = (char**)realloc(names, capacity * sizeof *names);
            ok = grown != NULL;
            names = ok ? grown : names;
        }
        if (ok) {
            ok = (names[count++] = strdup(e->d_name)) != NULL;
        }
    }
    closedir(d);
    qsort(names, count, sizeof *names, tunnel_result_compare_names);
    for (size_t i = 0; i < count; i++) {
        ok = ok && (classpath->length == 0 || tunnel_result_append(classpath, ":"))
                && tunnel_result_append(classpath, absolute) && tunnel_result_append(classpath, "/")
                && tunnel_result_append(classpath, names[i]);
        free(names[i]);
    }
    free(names);
    if (!ok) {
        tunnel_result_fail("CResultStartJVM: out of memory reading class path entry '%s'", entry);
        return -1;
    }
    if (count == 0) {
        tunnel_result_fail("CResultStartJVM: class path entry '%s': no jar in %s", entry, absolute);
        return -1;
    }
    return 0;
}

// The class path with every entry absolute and every "DIR/*" expanded, as the java command
// does: JavaCPP_init's own is the relative one of the build. 0 or -1.
static int tunnel_result_absolute_class_path(const char* classpath, tunnel_result_buffer* out) {
    if (classpath == NULL || classpath[0] == '\0') {
        tunnel_result_fail("CResultStartJVM: the class path is empty (it needs the jars of exports/target/c/java)");
        return -1;
    }
    char* copy = strdup(classpath);
    if (copy == NULL) {
        tunnel_result_fail("CResultStartJVM: out of memory");
        return -1;
    }
    int status = 0;
    char* rest = copy;
    for (char* entry; status == 0 && (entry = strsep(&rest, ":")) != NULL;) {
        size_t n = strlen(entry);
        if (n == 0) {
            continue; // "a::b" or a trailing ':' from a script: nothing to add
        }
        if (strcmp(entry, "*") == 0 || (n >= 2 && strcmp(entry + n - 2, "/*") == 0)) {
            char dir[PATH_MAX];
            snprintf(dir, sizeof dir, "%.*s", n == 1 ? 1 : (int)(n - 2), n == 1 ? "." : entry);
            status = tunnel_result_append_jars(out, entry, dir[0] == '\0' ? "/" : dir);
            continue;
        }
        char absolute[PATH_MAX];
        if (realpath(entry, absolute) == NULL) {
            tunnel_result_fail("CResultStartJVM: class path entry '%s': %s", entry, strerror(errno));
            status = -1;
        } else if (!((out->length == 0 || tunnel_result_append(out, ":")) && tunnel_result_append(out, absolute))) {
            tunnel_result_fail("CResultStartJVM: out of memory");
            status = -1;
        }
    }
    free(copy);
    return status;
}

// Loads and initialises CLASS_NAME ("a.b.C") in the new JVM, so that a missing jar is reported now,
// naming the class, rather than as a failure of the first call. 0 or -1.
static int tunnel_result_require_class(JNIEnv* env, const char* class_name, const char* jar) {
    char binary_name[256];
    snprintf(binary_name, sizeof binary_name, "%s", class_name);
    for (char* c = binary_name; *c != '\0'; c++) {
        *c = *c == '.' ? '/' : *c;
    }
    jclass cls = env->FindClass(binary_name);
    if (cls != NULL) {
        env->DeleteLocalRef(cls);
        return 0;
    }
    jthrowable thrown = env->ExceptionOccurred();
    env->ExceptionClear();
    const char* text = NULL;
    jstring description = NULL;
    if (thrown != NULL) {
        jclass object = env->FindClass("java/lang/Object");
        jmethodID to_string = object != NULL ? env->GetMethodID(object, "toString", "()Ljava/lang/String;") : NULL;
        description = to_string != NULL ? (jstring)env->CallObjectMethod(thrown, to_string) : NULL;
        env->ExceptionClear();
        text = description != NULL ? env->GetStringUTFChars(description, NULL) : NULL;
    }
    tunnel_result_fail("CResultStartJVM: cannot load %s (from %s): %s", class_name, jar, text != NULL ? text : "unknown error");
    if (text != NULL) {
        env->ReleaseStringUTFChars(description, text);
    }
    return -1;
}

static bool tunnel_result_jvm_started = false;

int CResultStartJVM(const char* classpath) {
    tunnel_result_failed = false;
    if (tunnel_result_jvm_started || tunnel_result_jvm_stopped) {
        tunnel_result_fail("CResultStartJVM: %s", tunnel_result_jvm_stopped
                ? "the JVM was stopped and cannot be started again in this process" : "the JVM is already started");
        return -1;
    }
    tunnel_result_buffer cp = {NULL, 0, 0};
    if (tunnel_result_absolute_class_path(classpath, &cp) != 0) {
        free(cp.data);
        return -1;
    }

    // The JVM must load this very file for the Java side's native methods, not a copy that
    // JavaCPP would extract from the jar: a copy has its own CResultLastError storage. Where
    // the process found this library is where the JVM looks first.
    Dl_info self;
    char library[PATH_MAX];
    if (dladdr((void*)&CResultStartJVM, &self) == 0 || self.dli_fname == NULL || realpath(self.dli_fname, library) == NULL) {
        tunnel_result_fail("CResultStartJVM: cannot find the file of libjniresult in this process");
        free(cp.data);
        return -1;
    }
    char* slash = strrchr(library, '/');
    *slash = '\0';

    tunnel_result_buffer class_path_option = {NULL, 0, 0}, library_path_option = {NULL, 0, 0};
    bool ok = tunnel_result_append(&class_path_option, "-Djava.class.path=") && tunnel_result_append(&class_path_option, cp.data)
           && tunnel_result_append(&library_path_option, "-Djava.library.path=") && tunnel_result_append(&library_path_option, library);
    free(cp.data);
    if (!ok) {
        free(class_path_option.data);
        free(library_path_option.data);
        tunnel_result_fail("CResultStartJVM: out of memory");
        return -1;
    }
    // JavaCPP_init puts the build's class path first; a later -Djava.class.path wins.
    const char* options[] = {
        class_path_option.data,
        library_path_option.data,
        "-Dorg.bytedeco.javacpp.pathsFirst=true",
        // JDK 22+ warns on every JNI library load otherwise, as the java command would
        "--enable-native-access=ALL-UNNAMED",
    };
    int status = JavaCPP_init((int)(sizeof options / sizeof options[0]), options);
    free(class_path_option.data);
    free(library_path_option.data);
    if (status != JNI_OK) {
        tunnel_result_fail("CResultStartJVM: JNI_CreateJavaVM failed with %d (%s)", status,
                status == JNI_EEXIST ? "a JVM already exists in this process"
                : status == JNI_ENOMEM ? "out of memory"
                : status == JNI_EINVAL ? "invalid option" : "see stderr");
        return status < 0 ? status : -1;
    }
    tunnel_result_jvm_started = true;

    JavaVM* vm;
    JNIEnv* env;
    jsize count = 0;
    if (JNI_GetCreatedJavaVMs(&vm, 1, &count) != JNI_OK || count == 0 || vm->GetEnv((void**)&env, JNI_VERSION_1_6) != JNI_OK) {
        tunnel_result_fail("CResultStartJVM: the new JVM is not attached to this thread");
        return -1;
    }
    if (tunnel_result_require_class(env, "org.bytedeco.javacpp.Loader", "javacpp.jar") != 0
            || tunnel_result_require_class(env, "dev.tunnel.Handle", "tunnel-runtime.jar") != 0
            // initialising it loads the JNI libraries (javacpp-<platform>.jar's, then this one)
            // and creates the export instances, before any C call can race to create them
            || tunnel_result_require_class(env, "dev.tunnel.result.CResultLibrary", "tunnel-result.jar") != 0) {
        // a JVM without its classes is of no use, and leaving it running would keep the
        // process alive; the error above stays this thread's last
        tunnel_result_jvm_stopped = true;
        JavaCPP_uninit();
        return -1;
    }
    return 0;
}

int CResultStopJVM(void) {
    tunnel_result_failed = false;
    if (!tunnel_result_jvm_started || tunnel_result_jvm_stopped) {
        tunnel_result_fail("CResultStopJVM: %s", tunnel_result_jvm_stopped
                ? "the JVM is already stopped" : "no JVM was started by CResultStartJVM");
        return -1;
    }
    tunnel_result_jvm_stopped = true;
    int status = JavaCPP_uninit();
    if (status != JNI_OK) {
        tunnel_result_fail("CResultStopJVM: DestroyJavaVM failed with %d", status);
        return status < 0 ? status : -1;
    }
    return 0;
}

#endif
