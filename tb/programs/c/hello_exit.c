/* The smallest program: returns 0, so the runtime writes tohost = 1 (pass). */
int main(void) { return 0; }
