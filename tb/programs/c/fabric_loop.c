/* Fabric intrinsics through the 1x1 loopback (every color routed from the
 * ramp back to the ramp): send/receive/poll with constant and register
 * colors, then the dataflow pattern of docs/runtime.md: handlers bound to
 * colors, run by wse_task_wait (lowest ready color first) and finally by
 * wse_task_loop, which a handler ends with wse_exit. */
#include <wse.h>

enum { kData = 9, kCmd = 4, kDone = 15, kRounds = 5 };

static volatile uint32_t task_sum, task_runs, cmd_seen_first;

/* In the loop phase each data wavelet triggers the next one, so a single
 * wavelet is in flight at a time (the loopback holds only a few). */
static volatile uint32_t looping;

static void on_data(void) {
  const uint32_t v = wse_recv(kData);
  task_sum += v;
  ++task_runs;
  if (!looping) return;
  if (v < kRounds) {
    wse_send(kData, v + 1);
  } else {
    wse_send(kDone, 0xd0e);
  }
}

static void on_cmd(void) {
  /* Lower color than kData: when both are ready, this runs first. */
  if (task_runs == 0) cmd_seen_first = 1;
  task_sum += 1000 * wse_recv(kCmd);
  ++task_runs;
}

/* The last handler: checks what the loop did and ends the program. */
static void on_done(void) {
  const uint32_t n = wse_recv(kDone);
  /* 3007 from the two waits, then kRounds wavelets 1..kRounds on kData. */
  const uint32_t want = 3007 + kRounds * (kRounds + 1) / 2;
  if (n != 0xd0e || task_runs != 2 + kRounds || task_sum != want) wse_exit(10);
  wse_exit(0);
}

int main(void) {
  if (wse_poll(3)) return 1;
  wse_send(3, 0xdeadbeef);
  while (!wse_poll(3)) {
  }
  if (wse_recv(3) != 0xdeadbeef) return 2;
  if (wse_poll(3)) return 3;

  /* Every color holds one wavelet in its own buffer at once. */
  for (uint32_t c = 0; c < WSE_NUM_COLORS; ++c) wse_sendv(c, c * 7 + 1);
  for (uint32_t c = WSE_NUM_COLORS; c-- > 0;) {
    while (!wse_pollv(c)) {
    }
    if (wse_recvv(c) != c * 7 + 1) return 4;
  }
  if (wse_pollv(5)) return 5;

  wse_task_bind(kData, on_data);
  wse_task_bind(kCmd, on_cmd);
  wse_send(kData, 7);
  wse_send(kCmd, 3);
  /* Both must be in their buffers before twait picks one: on the RTL a
   * loopback wavelet takes a few cycles. */
  while (!wse_poll(kData) || !wse_poll(kCmd)) {
  }
  wse_task_wait();
  wse_task_wait();
  if (task_runs != 2 || task_sum != 3007 || !cmd_seen_first) return 6;

  /* Dataflow: wavelets 1..kRounds on kData, each sent by the handler of
   * the one before, then the end marker on kDone. */
  wse_task_bind(kDone, on_done);
  looping = 1;
  wse_send(kData, 1);
  wse_task_loop();
}
