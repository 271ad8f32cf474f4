/* Fabric instructions through the 1x1 loopback (every color routed ramp ->
 * ramp): send/receive/poll with constant and register colors, and a task
 * bound to a color that runs when its wavelet arrives. */
#include <wse.h>

static volatile uint32_t task_sum, task_runs;

static void on_color9(void) {
  task_sum += wse_recv(9);
  ++task_runs;
}

static void on_color4(void) {
  /* Lower color: runs first when both are ready. */
  if (task_runs != 0) wse_exit(20);
  task_sum += 1000 * wse_recv(4);
  ++task_runs;
}

int main(void) {
  if (wse_poll(3)) return 1;
  wse_send(3, 0xdeadbeef);
  while (!wse_poll(3)) {}
  if (wse_recv(3) != 0xdeadbeef) return 2;
  for (uint32_t c = 0; c < 24; ++c) wse_sendv(c, c * 7 + 1);
  for (uint32_t c = 24; c-- > 0;)
    if (wse_recvv(c) != c * 7 + 1) return 3;
  if (wse_pollv(5)) return 4;

  wse_task_bind(9, on_color9);
  wse_task_bind(4, on_color4);
  wse_send(9, 7);
  wse_send(4, 3);
  while (!wse_poll(9) || !wse_poll(4)) {}
  wse_task_wait();
  wse_task_wait();
  if (task_runs != 2 || task_sum != 3007) return 5;
  return 0;
}
