/*
 * Tunnel's closures: a distinct C function pointer for each Java target, for C APIs that keep
 * a bare function pointer (no user_data) and call it later, from any thread.
 *
 * A closure's pointer is a trampoline of 16 bytes in a table of 4,096. A table is two adjacent
 * mappings: 64 KiB of code, the table below mapped again from this library's own file
 * (read + execute, never writable), and 128 KiB of slots (read + write, never executable).
 * Trampoline i finds slot i at a fixed distance, puts its address in a scratch register and
 * jumps to tunnel_closure_dispatch, which stores it in a thread-local variable and jumps on to
 * the slot's gateway: the typedef's one static gateway for closures, which C thus calls with
 * the arguments untouched, whatever the signature. The gateway's first act is
 * tunnel_closure_current(): the Java id of the closure C called.
 *
 *   tunnel_closure_slot* slot = tunnel_closure_open(java_id, gateway_address);
 *   library_set_log_handler((log_fn)slot->code);   // C keeps it, calls it from any thread
 *   ...
 *   tunnel_closure_retire(slot);                   // calls now reach Java as "closed"
 *
 * No trampoline or slot is ever reused, so a call through a closed closure's pointer can only
 * reach the gateway with that closure's retired id, never another closure's target: the price
 * is 48 bytes of address space (32 of them memory) for every closure a process ever opens.
 * No memory is ever writable and executable, and no code is written at run time, so this works
 * where W^X is enforced and where anonymous memory may not become executable (SELinux
 * deny_execmem, PaX MPROTECT); if the library's file cannot be mapped again (deleted since it
 * was loaded), the table is copied into anonymous memory that is made executable after the copy.
 *
 * Linux on x86_64 and aarch64; elsewhere tunnel_closure_open returns NULL and says why. Include
 * it in one translation unit only (a JavaCPP JNI library is one): it defines the table, the
 * dispatch and the thread-local variable. C needs _GNU_SOURCE defined before any #include.
 */
#ifndef TUNNEL_CLOSURE_H
#define TUNNEL_CLOSURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes of one trampoline, of one table's code, and trampolines per table (slot 0 is the header). */
#define TUNNEL_CLOSURE_TRAMPOLINE_BYTES 16
#define TUNNEL_CLOSURE_CODE_BYTES 65536
#define TUNNEL_CLOSURE_PER_TABLE (TUNNEL_CLOSURE_CODE_BYTES / TUNNEL_CLOSURE_TRAMPOLINE_BYTES)
/* Set in a slot's id once its closure is closed. */
#define TUNNEL_CLOSURE_RETIRED (UINT64_C(1) << 63)

/*
 * One closure, as C and Java see it. The first word is the function pointer C calls, so a
 * slot is also what a JavaCPP FunctionPointer's peer must be: JavaCPP passes the peer's first
 * word wherever C takes the function pointer type.
 */
typedef struct tunnel_closure_slot {
  void* code;              /* the trampoline: the closure's C function pointer */
  void* gateway;           /* where a call goes: the typedef's gateway for closures */
  volatile uint64_t id;    /* the closure's Java id; | TUNNEL_CLOSURE_RETIRED once closed */
  uint64_t reserved;
} tunnel_closure_slot;

#define TUNNEL_CLOSURE_SLOT_BYTES 32
#define TUNNEL_CLOSURE_DATA_BYTES (TUNNEL_CLOSURE_PER_TABLE * TUNNEL_CLOSURE_SLOT_BYTES)

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#define TUNNEL_CLOSURE_SUPPORTED 1
#else
#define TUNNEL_CLOSURE_SUPPORTED 0
#endif

#if TUNNEL_CLOSURE_SUPPORTED

#if !defined(__cplusplus) && !defined(_GNU_SOURCE)
#error "tunnel_closure.h needs _GNU_SOURCE (dl_iterate_phdr, MAP_ANONYMOUS): define it before the first #include (C++ compilers define it)"
#endif

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/*
 * The slot of the closure C called last on this thread, set by tunnel_closure_dispatch just
 * before it jumps to the gateway. Initial-exec TLS: the dispatch reaches it with no call, so
 * no argument register is touched.
 */
__attribute__((visibility("hidden"), tls_model("initial-exec"))) __thread tunnel_closure_slot* tunnel_closure_caller;

/*
 * The table and the dispatch. The table is never run where it was linked: only its mappings
 * are, where the slots lie right after the code. Trampoline i:
 *   x86_64:  lea  slot_i(%rip), %r11 ; jmp *slot_0.gateway(%rip)      (slot 0's gateway is the dispatch)
 *   aarch64: adr  x17, slot_i        ; ldr x16, slot_0.gateway ; br x16
 * r11 and x16/x17 are scratch registers no C signature passes arguments in.
 */
#if defined(__x86_64__)
__asm__(
    ".pushsection .text.tunnel_closure_table,\"ax\",@progbits\n"
    ".balign 65536\n"
    ".globl tunnel_closure_table\n"
    ".hidden tunnel_closure_table\n"
    "tunnel_closure_table:\n"
    ".set tunnel_closure_i, 0\n"
    ".rept 4096\n"
    "  lea (tunnel_closure_table + 65536 + 32 * tunnel_closure_i)(%rip), %r11\n"
    "  jmp *(tunnel_closure_table + 65536 + 8)(%rip)\n"
    "  .balign 16, 0xcc\n"
    "  .set tunnel_closure_i, tunnel_closure_i + 1\n"
    ".endr\n"
    ".popsection\n"
    ".text\n"
    ".globl tunnel_closure_dispatch\n"
    ".hidden tunnel_closure_dispatch\n"
    ".type tunnel_closure_dispatch, @function\n"
    "tunnel_closure_dispatch:\n"
    "  movq tunnel_closure_caller@gottpoff(%rip), %r10\n"
    "  movq %r11, %fs:(%r10)\n"
    "  jmp *8(%r11)\n"
    ".size tunnel_closure_dispatch, . - tunnel_closure_dispatch\n");
#elif defined(__aarch64__)
__asm__(
    ".pushsection .text.tunnel_closure_table,\"ax\",%progbits\n"
    ".balign 65536\n"
    ".globl tunnel_closure_table\n"
    ".hidden tunnel_closure_table\n"
    "tunnel_closure_table:\n"
    ".set tunnel_closure_i, 0\n"
    ".rept 4096\n"
    "  adr x17, tunnel_closure_table + 65536 + 32 * tunnel_closure_i\n"
    "  ldr x16, tunnel_closure_table + 65536 + 8\n"
    "  br x16\n"
    "  brk #0\n"
    "  .set tunnel_closure_i, tunnel_closure_i + 1\n"
    ".endr\n"
    ".popsection\n"
    ".text\n"
    ".globl tunnel_closure_dispatch\n"
    ".hidden tunnel_closure_dispatch\n"
    ".type tunnel_closure_dispatch, %function\n"
    "tunnel_closure_dispatch:\n"
    "  mrs x16, tpidr_el0\n"
    "  adrp x9, :gottprel:tunnel_closure_caller\n"
    "  ldr x9, [x9, #:gottprel_lo12:tunnel_closure_caller]\n"
    "  str x17, [x16, x9]\n"
    "  ldr x16, [x17, #8]\n"
    "  br x16\n"
    ".size tunnel_closure_dispatch, . - tunnel_closure_dispatch\n");
#endif

extern const unsigned char tunnel_closure_table[];
void tunnel_closure_dispatch(void);

/* Process-wide state of the closures of this library, under tunnel_closure_lock. */
static pthread_mutex_t tunnel_closure_lock = PTHREAD_MUTEX_INITIALIZER;
static tunnel_closure_slot* tunnel_closure_slots;   /* the current table's slots */
static int tunnel_closure_next = TUNNEL_CLOSURE_PER_TABLE; /* its next free slot */
static int64_t tunnel_closure_tables;                /* tables mapped so far */
static int64_t tunnel_closure_opened;                /* closures opened so far */
static int64_t tunnel_closure_copied;                /* tables whose code is a copy */
static char tunnel_closure_message[512];             /* why the last open failed */

/* What dl_iterate_phdr looks for: the file and offset of the table's page. */
struct tunnel_closure_origin {
  uintptr_t address;
  const char* file;
  off_t offset;
  int found;
};

static int tunnel_closure_find_origin(struct dl_phdr_info* info, size_t size, void* data) {
  (void)size;
  struct tunnel_closure_origin* origin = (struct tunnel_closure_origin*)data;
  for (int i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr)* ph = &info->dlpi_phdr[i];
    uintptr_t start = info->dlpi_addr + ph->p_vaddr;
    if (ph->p_type == PT_LOAD && origin->address >= start
        && origin->address + TUNNEL_CLOSURE_CODE_BYTES <= start + ph->p_filesz) {
      origin->file = info->dlpi_name;
      origin->offset = (off_t)(ph->p_offset + (origin->address - start));
      origin->found = 1;
      return 1;
    }
  }
  return 0;
}

/*
 * Maps the code of a new table at code, from this library's file; returns 0, or -1 if the
 * file cannot be mapped there with the table's exact bytes.
 */
static int tunnel_closure_map_from_file(unsigned char* code) {
  struct tunnel_closure_origin origin = {(uintptr_t)tunnel_closure_table, NULL, 0, 0};
  dl_iterate_phdr(tunnel_closure_find_origin, &origin);
  if (!origin.found || origin.file == NULL || origin.file[0] == '\0') {
    return -1;
  }
  int fd = open(origin.file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  void* mapped = mmap(code, TUNNEL_CLOSURE_CODE_BYTES, PROT_READ | PROT_EXEC, MAP_PRIVATE | MAP_FIXED, fd, origin.offset);
  close(fd);
  /* the file may have been replaced since it was loaded: only the same bytes will do */
  if (mapped != code || memcmp(code, tunnel_closure_table, TUNNEL_CLOSURE_CODE_BYTES) != 0) {
    return -1;
  }
  return 0;
}

/* Maps a new table and makes it current; returns 0, or -1 with tunnel_closure_message set. */
static int tunnel_closure_new_table(void) {
  long page = sysconf(_SC_PAGESIZE);
  if (page <= 0 || TUNNEL_CLOSURE_CODE_BYTES % page != 0) {
    snprintf(tunnel_closure_message, sizeof tunnel_closure_message,
             "pages of %ld bytes: closures need pages that divide 64 KiB", page);
    return -1;
  }
  size_t bytes = TUNNEL_CLOSURE_CODE_BYTES + TUNNEL_CLOSURE_DATA_BYTES;
  unsigned char* base = (unsigned char*)mmap(NULL, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (base == (unsigned char*)MAP_FAILED) {
    snprintf(tunnel_closure_message, sizeof tunnel_closure_message,
             "cannot reserve %zu bytes for closure table %lld: %s", bytes, (long long)tunnel_closure_tables + 1, strerror(errno));
    return -1;
  }
  int copied = 0;
  if (tunnel_closure_map_from_file(base) != 0) {
    /* the file is gone: a copy, writable first, executable only once written */
    copied = 1;
    if (mmap(base, TUNNEL_CLOSURE_CODE_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != base) {
      snprintf(tunnel_closure_message, sizeof tunnel_closure_message, "cannot map closure code: %s", strerror(errno));
      munmap(base, bytes);
      return -1;
    }
    memcpy(base, tunnel_closure_table, TUNNEL_CLOSURE_CODE_BYTES);
    if (mprotect(base, TUNNEL_CLOSURE_CODE_BYTES, PROT_READ | PROT_EXEC) != 0) {
      snprintf(tunnel_closure_message, sizeof tunnel_closure_message,
               "this library's file cannot be mapped again, and the system refuses to make a copy of its "
               "closure code executable: %s", strerror(errno));
      munmap(base, bytes);
      return -1;
    }
    __builtin___clear_cache((char*)base, (char*)base + TUNNEL_CLOSURE_CODE_BYTES);
  }
  tunnel_closure_slot* slots = (tunnel_closure_slot*)(base + TUNNEL_CLOSURE_CODE_BYTES);
  if (mprotect(slots, TUNNEL_CLOSURE_DATA_BYTES, PROT_READ | PROT_WRITE) != 0) {
    snprintf(tunnel_closure_message, sizeof tunnel_closure_message, "cannot map closure slots: %s", strerror(errno));
    munmap(base, bytes);
    return -1;
  }
  slots[0].gateway = (void*)tunnel_closure_dispatch; /* where every trampoline of the table jumps */
  tunnel_closure_slots = slots;
  tunnel_closure_next = 1;
  tunnel_closure_tables++;
  tunnel_closure_copied += copied;
  return 0;
}

/*
 * Opens a closure: a slot never used before, whose code C may call from now on; a call reaches
 * gateway, which reads id with tunnel_closure_current(). NULL if no table could be mapped
 * (tunnel_closure_error() says why). Thread-safe.
 */
static inline tunnel_closure_slot* tunnel_closure_open(uint64_t id, void* gateway) {
  tunnel_closure_slot* slot = NULL;
  pthread_mutex_lock(&tunnel_closure_lock);
  if (tunnel_closure_next < TUNNEL_CLOSURE_PER_TABLE || tunnel_closure_new_table() == 0) {
    int i = tunnel_closure_next++;
    slot = &tunnel_closure_slots[i];
    slot->gateway = gateway;
    slot->id = id;
    slot->code = (unsigned char*)tunnel_closure_slots - TUNNEL_CLOSURE_CODE_BYTES + (size_t)i * TUNNEL_CLOSURE_TRAMPOLINE_BYTES;
    tunnel_closure_opened++;
  }
  pthread_mutex_unlock(&tunnel_closure_lock);
  /* the unlock publishes the slot to whichever thread C hands the pointer to */
  return slot;
}

/* Marks slot's closure closed: calls through its code reach the gateway with a retired id. */
static inline void tunnel_closure_retire(tunnel_closure_slot* slot) {
  __atomic_fetch_or(&slot->id, TUNNEL_CLOSURE_RETIRED, __ATOMIC_RELEASE);
}

/*
 * For gateways, first thing: the id of the closure C called on this thread, or 0 if this
 * thread never called one.
 */
static inline uint64_t tunnel_closure_current(void) {
  tunnel_closure_slot* slot = tunnel_closure_caller;
  return slot == NULL ? 0 : __atomic_load_n(&slot->id, __ATOMIC_ACQUIRE);
}

/* The address of tunnel_closure_current, for a Java 22+ FFM downcall straight to it. */
static inline uintptr_t tunnel_closure_current_address(void) {
  return (uintptr_t)&tunnel_closure_current;
}

/* Why the last tunnel_closure_open returned NULL. */
static inline const char* tunnel_closure_error(void) {
  return tunnel_closure_message;
}

/* What this library's closures cost so far: closures opened, tables mapped, tables copied. */
typedef struct tunnel_closure_stats {
  int64_t opened;
  int64_t tables;
  int64_t copied; /* tables whose code is a copy, not the library's file mapped again */
} tunnel_closure_stats;

static inline tunnel_closure_stats tunnel_closure_statistics(void) {
  pthread_mutex_lock(&tunnel_closure_lock);
  tunnel_closure_stats stats = {tunnel_closure_opened, tunnel_closure_tables, tunnel_closure_copied};
  pthread_mutex_unlock(&tunnel_closure_lock);
  return stats;
}

#else /* !TUNNEL_CLOSURE_SUPPORTED */

static inline tunnel_closure_slot* tunnel_closure_open(uint64_t id, void* gateway) {
  (void)id;
  (void)gateway;
  return NULL;
}
static inline void tunnel_closure_retire(tunnel_closure_slot* slot) { (void)slot; }
static inline uint64_t tunnel_closure_current(void) { return 0; }
static inline uintptr_t tunnel_closure_current_address(void) { return 0; }
static inline const char* tunnel_closure_error(void) {
  return "closures need Linux on x86_64 or aarch64";
}
typedef struct tunnel_closure_stats {
  int64_t opened, tables, copied;
} tunnel_closure_stats;
static inline tunnel_closure_stats tunnel_closure_statistics(void) {
  tunnel_closure_stats none = {0, 0, 0};
  return none;
}

#endif

#ifdef __cplusplus
}
#endif

#endif
