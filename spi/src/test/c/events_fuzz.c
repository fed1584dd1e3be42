/*
 * libFuzzer target for tunnel_events.h: the input is a program of calls through the model
 * gateways of events_check.h (joined ones included) (lengths and bytes taken from the input, NULLs, payloads around and
 * past the lending limit), into a batch whose size and failure point the input also picks; the
 * model's flush checks every record against the calls. Run by run-fuzz.sh.
 */
#include "events_check.h"

static uint64_t take(const uint8_t** data, size_t* size, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes && *size > 0; i++, (*data)++, (*size)--) {
    v = v << 8 | **data;
  }
  return v;
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  size_t capacity = TUNNEL_EVENTS_MIN_CAPACITY + 8 * (size_t)take(&data, &size, 1) * 16;
  int fail_at = (int)(take(&data, &size, 1) % 8); /* 0: no failure */
  uint64_t* buffer = (uint64_t*)malloc(capacity);
  /* the bytes of the calls: the rest of the input, repeated to reach lengths past the lending limit */
  size_t pool_size = 3 * capacity;
  uint8_t* pool = (uint8_t*)malloc(pool_size);
  for (size_t i = 0; i < pool_size; i++) {
    pool[i] = size > 0 ? data[i % size] : (uint8_t)i;
  }
  model m;
  CHECK(model_init(&m, buffer, capacity) == 0);
  m.fail_at_flush = fail_at;
  while (size > 0) {
    int op = (int)take(&data, &size, 1);
    uint64_t a = take(&data, &size, 2);
    uint64_t b = take(&data, &size, 2);
    /* lengths up to 1.5 capacity when the op's high bit says so, else short */
    size_t na = (op & 0x80) ? a % (capacity + capacity / 2) : a % 64;
    size_t nb = (op & 0x40) ? b % (capacity + capacity / 2) : b % 64;
    const uint8_t* pa = (op & 0x10) ? NULL : pool + (b % (pool_size - na));
    const uint8_t* pb = (op & 0x20) ? NULL : pool + (a % (pool_size - nb));
    if ((op & 0x0C) == 0x0C) { /* a string array: up to 7 strings cut from the pool */
      const char* strings[MAX_STRINGS];
      char* copies[MAX_STRINGS];
      int count = (int)(a % MAX_STRINGS);
      for (int i = 0; i < count; i++) {
        size_t n = (op & 0x80) && i == 0 ? b % (capacity + capacity / 2) : (b >> (i % 8)) % 40;
        copies[i] = (char*)malloc(n + 1);
        memcpy(copies[i], pool + (a * (size_t)(i + 1)) % (pool_size - n), n);
        for (size_t j = 0; j < n; j++) {
          copies[i][j] = copies[i][j] ? copies[i][j] : 'z'; /* NUL-terminated strings: no NUL inside */
        }
        copies[i][n] = '\0';
        strings[i] = copies[i];
      }
      strings[count] = NULL;
      call_strings(&m, (op & 0x10) ? NULL : strings);
      for (int i = 0; i < count; i++) {
        free(copies[i]);
      }
      continue;
    }
    switch (op % 4) {
      case 0:
        call_scalar(&m, (int64_t)(a << 16 | b), (double)a / (double)(b + 1));
        break;
      case 1:
        call_bytes(&m, (int64_t)a, pa, na);
        break;
      case 2: /* joined with the calls before it where nothing separates them; at least a byte (pa + na + 1 is in the pool) */
        call_joined(&m, (const char*)pa, pa == NULL ? 0 : (int)na + 1);
        break;
      default:
        call_pair(&m, (const char*)pa, (int32_t)na, (const char*)pb, nb);
        break;
    }
  }
  model_finish(&m);
  free(pool);
  free(buffer);
  return 0;
}
