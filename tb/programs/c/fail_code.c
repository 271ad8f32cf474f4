/* Returns 5: the runner must report exit code 5 (tohost = 11). */
int main(void) { return 5; }
