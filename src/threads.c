#define _POSIX_C_SOURCE 200809L
#include "threads.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- counters: live and peak, updated atomically ------------------------------------- */

typedef struct {
  int now;
  int peak;
} gauge;

static void gauge_enter(gauge* g) {
  int now = __atomic_add_fetch(&g->now, 1, __ATOMIC_ACQ_REL);
  int peak = __atomic_load_n(&g->peak, __ATOMIC_ACQUIRE);
  while (now > peak && !__atomic_compare_exchange_n(&g->peak, &peak, now, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
  }
}

static void gauge_leave(gauge* g) {
  __atomic_sub_fetch(&g->now, 1, __ATOMIC_ACQ_REL);
}

static void gauge_reset_peak(gauge* g) {
  __atomic_store_n(&g->peak, __atomic_load_n(&g->now, __ATOMIC_ACQUIRE), __ATOMIC_RELEASE);
}

/* ---- asynchronous traversal ---------------------------------------------------------- */

static gauge async_threads;

typedef struct {
  char* filename;
  Callbacks cbs;
  void* user_data;
  traverse_control* control;
  TraverseDoneFn done;
  void* done_user_data;
} async_job;

static void* async_main(void* arg) {
  async_job job = *(async_job*)arg;
  free(arg);
  int status = traverse_file(job.filename, job.cbs, job.user_data, job.control);
  free(job.filename);
  gauge_leave(&async_threads); /* before done: once Java hears "done", this thread is not counted */
  job.done(job.done_user_data, status);
  return NULL;
}

int traverse_file_async(const char* filename, Callbacks cbs, void* user_data, traverse_control* control,
                        TraverseDoneFn done, void* done_user_data) {
  if (filename == NULL || control == NULL || done == NULL) {
    return EINVAL;
  }
  async_job* job = malloc(sizeof *job);
  char* copy = malloc(strlen(filename) + 1);
  if (job == NULL || copy == NULL) {
    free(job);
    free(copy);
    return ENOMEM;
  }
  strcpy(copy, filename);
  job->filename = copy;
  job->cbs = cbs;
  job->user_data = user_data;
  job->control = control;
  job->done = done;
  job->done_user_data = done_user_data;

  pthread_attr_t attr;
  int status = pthread_attr_init(&attr);
  if (status == 0) {
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    gauge_enter(&async_threads);
    pthread_t thread;
    status = pthread_create(&thread, &attr, async_main, job);
    if (status != 0) {
      gauge_leave(&async_threads);
    }
    pthread_attr_destroy(&attr);
  }
  if (status != 0) {
    free(copy);
    free(job);
  }
  return status;
}

int traverse_async_threads(void) {
  return __atomic_load_n(&async_threads.now, __ATOMIC_ACQUIRE);
}

int traverse_async_peak_threads(void) {
  return __atomic_load_n(&async_threads.peak, __ATOMIC_ACQUIRE);
}

void traverse_async_reset_peak(void) {
  gauge_reset_peak(&async_threads);
}

/* ---- blocking call ------------------------------------------------------------------- */

static gauge blocking_calls;

int tn_block(int ms) {
  gauge_enter(&blocking_calls);
  struct timespec delay = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&delay, &delay) != 0 && errno == EINTR) {
  }
  gauge_leave(&blocking_calls);
  return ms;
}

int tn_block_in_flight(void) {
  return __atomic_load_n(&blocking_calls.now, __ATOMIC_ACQUIRE);
}

int tn_block_peak(void) {
  return __atomic_load_n(&blocking_calls.peak, __ATOMIC_ACQUIRE);
}

void tn_block_reset_peak(void) {
  gauge_reset_peak(&blocking_calls);
}

/* ---- thread-affine session ----------------------------------------------------------- */

static pthread_mutex_t session_lock = PTHREAD_MUTEX_INITIALIZER;
static int session_open;
static pthread_t session_owner;
static __thread int session_counter; /* the state that only the owner thread can see */

int tn_session_open(void) {
  pthread_mutex_lock(&session_lock);
  int status = TN_SESSION_ALREADY_OPEN;
  if (!session_open) {
    session_open = 1;
    session_owner = pthread_self();
    session_counter = 0;
    status = TN_SESSION_OK;
  }
  pthread_mutex_unlock(&session_lock);
  return status;
}

/* TN_SESSION_OK when the calling thread owns the open session. */
static int session_check(void) {
  pthread_mutex_lock(&session_lock);
  int status = !session_open ? TN_SESSION_NOT_OPEN
             : !pthread_equal(session_owner, pthread_self()) ? TN_SESSION_WRONG_THREAD
             : TN_SESSION_OK;
  pthread_mutex_unlock(&session_lock);
  return status;
}

int tn_session_next(void) {
  int status = session_check();
  return status != TN_SESSION_OK ? status : ++session_counter;
}

int tn_session_close(void) {
  int status = session_check();
  if (status == TN_SESSION_OK) {
    pthread_mutex_lock(&session_lock);
    session_open = 0;
    pthread_mutex_unlock(&session_lock);
  }
  return status;
}

/* ---- pump ---------------------------------------------------------------------------- */

static pthread_t pump_thread;
static int pump_running; /* guarded by pump_lock */
static int pump_stop;    /* read atomically by the pump */
static int64_t pump_count;
static StartCallbackFn pump_cb;
static void* pump_user_data;
static pthread_mutex_t pump_lock = PTHREAD_MUTEX_INITIALIZER;

static void* pump_main(void* arg) {
  (void)arg;
  for (int i = 0; !__atomic_load_n(&pump_stop, __ATOMIC_ACQUIRE); i = i == INT32_MAX ? 0 : i + 1) {
    pump_cb(pump_user_data, i);
    __atomic_add_fetch(&pump_count, 1, __ATOMIC_RELEASE);
  }
  return NULL;
}

int tn_pump_start(StartCallbackFn cb, void* user_data) {
  if (cb == NULL) {
    return EINVAL;
  }
  pthread_mutex_lock(&pump_lock);
  int status = EBUSY;
  if (!pump_running) {
    pump_cb = cb;
    pump_user_data = user_data;
    __atomic_store_n(&pump_count, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&pump_stop, 0, __ATOMIC_RELEASE);
    status = pthread_create(&pump_thread, NULL, pump_main, NULL);
    pump_running = status == 0;
  }
  pthread_mutex_unlock(&pump_lock);
  return status;
}

int64_t tn_pump_count(void) {
  return __atomic_load_n(&pump_count, __ATOMIC_ACQUIRE);
}

int64_t tn_pump_stop(void) {
  pthread_mutex_lock(&pump_lock);
  if (pump_running) {
    __atomic_store_n(&pump_stop, 1, __ATOMIC_RELEASE);
    pthread_join(pump_thread, NULL);
    pump_running = 0;
  }
  pthread_mutex_unlock(&pump_lock);
  return tn_pump_count();
}

/* ---- saved callback ------------------------------------------------------------------ */

static callback_fcn saved_callback;

void tn_save_callback(callback_fcn callback) {
  __atomic_store_n(&saved_callback, callback, __ATOMIC_RELEASE);
}

int tn_call_saved_callback(int arg) {
  callback_fcn callback = __atomic_load_n(&saved_callback, __ATOMIC_ACQUIRE);
  return callback != NULL ? callback(arg) : -1;
}
