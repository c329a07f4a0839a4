// Entry point: chooses the desktop app, `serve`, or a CLI command.
#include <cstdio>
int main() { std::puts("candor: skeleton"); return 0; }
