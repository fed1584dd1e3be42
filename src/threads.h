/*
 * The threading lessons of the cgo text (goroutines and cgo, runtime.LockOSThread) and of the
 * callbacks article ("what if there is no user_data?"), as a C library would present them.
 */
#ifndef TRAVERSE_THREADS_H
#define TRAVERSE_THREADS_H

#include <stdint.h>
#include "clibrary.h"
#include "traverse.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Asynchronous traversal on a thread C creates ---------------------------------- */

/* Called once, on the traversal's own thread, when it is over; its last act touching anything. */
typedef void (*TraverseDoneFn)(void* user_data, int status);

/*
 * Traverses filename on a new detached thread, calling cbs from that thread, then
 * done(done_user_data, status) from it as its very last act: after done returns, C no longer
 * touches filename (copied), cbs (copied), user_data or control, so done may free them.
 * Returns 0 if the thread started (done will be called exactly once), else an errno value
 * (and done is never called). control is required: traverse_request_stop() cancels.
 */
int traverse_file_async(const char* filename, Callbacks cbs, void* user_data, traverse_control* control,
                        TraverseDoneFn done, void* done_user_data);

/* Async traversal threads alive now, and the most alive at once since the last reset. */
int traverse_async_threads(void);
int traverse_async_peak_threads(void);
void traverse_async_reset_peak(void);

/* ---- A blocking call (a stand-in for slow I/O) -------------------------------------- */

/* Sleeps for ms milliseconds, then returns ms. Counts calls in progress. */
int tn_block(int ms);
/* tn_block calls in progress now, and the most at once since the last reset. */
int tn_block_in_flight(void);
int tn_block_peak(void);
void tn_block_reset_peak(void);

/* ---- Thread-affine state (why runtime.LockOSThread exists) --------------------------- */

#define TN_SESSION_OK            0
#define TN_SESSION_NOT_OPEN     (-1) /* tn_session_next/close before tn_session_open */
#define TN_SESSION_WRONG_THREAD (-2) /* called on a thread other than the one that opened it */
#define TN_SESSION_ALREADY_OPEN (-3)

/*
 * A counter session bound to the thread that opens it, like an OpenGL context or a GUI
 * toolkit: the state lives in thread-local storage. Only one session is open at a time.
 */
int tn_session_open(void);
/* The session's next value (1, 2, 3, ...), or a negative TN_SESSION_* error. */
int tn_session_next(void);
int tn_session_close(void);

/* ---- A thread that calls back forever (a sensor, an event loop) --------------------- */

/*
 * Starts one thread that calls cb(user_data, i) for i = 0, 1, 2, ... without ever returning
 * to a caller in between, until tn_pump_stop(). At most one pump runs at a time.
 * Returns 0, EBUSY if a pump is running, or an errno value from pthread_create.
 */
int tn_pump_start(StartCallbackFn cb, void* user_data);
/* Callbacks the pump has made so far. */
int64_t tn_pump_count(void);
/* Stops the pump and waits for its thread to end; returns the callbacks made. */
int64_t tn_pump_stop(void);

/* ---- A C library that keeps a callback without user_data ----------------------------- */

/* Keeps callback for later (NULL forgets it). */
void tn_save_callback(callback_fcn callback);
/* Calls the kept callback with arg, on whatever thread calls this; -1 if none is kept. */
int tn_call_saved_callback(int arg);

#ifdef __cplusplus
}
#endif

#endif
