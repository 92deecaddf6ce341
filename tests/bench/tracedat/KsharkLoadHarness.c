// What KernelShark's data layer does to load a trace.dat: open it, open every
// buffer in it (trace-cmd extract -B writes the events into an instance
// buffer), and load every stream's entries with kshark_load_entries. Prints
// the entry count, so the benchmark can check both tools read the same file.
#include <libkshark-tepdata.h>
#include <libkshark.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char** argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.dat\n", argv[0]);
        return 2;
    }
    struct kshark_context* ctx = NULL;
    if (!kshark_instance(&ctx)) {
        fprintf(stderr, "%s: cannot create a kshark context\n", argv[1]);
        return 1;
    }
    const int top = kshark_open(ctx, argv[1]);
    if (top < 0) {
        fprintf(stderr, "%s: libkshark cannot open it\n", argv[1]);
        kshark_free(ctx);
        return 2;
    }
    if (kshark_tep_init_all_buffers(ctx, top) < 0) {
        fprintf(stderr, "%s: libkshark cannot open its buffers\n", argv[1]);
        kshark_free(ctx);
        return 1;
    }
    long long total = 0;
    int* streams = kshark_all_streams(ctx);
    for (int i = 0; streams && i < ctx->n_streams; ++i) {
        struct kshark_entry** rows = NULL;
        const ssize_t n = kshark_load_entries(ctx, streams[i], &rows);
        if (n < 0) {
            fprintf(stderr, "%s: libkshark cannot load stream %d\n", argv[1], streams[i]);
            return 1;
        }
        // The rows stay allocated as KernelShark keeps them; the process exit
        // frees them (freeing 1.7M entries one by one would only slow the reference).
        total += n;
    }
    free(streams);
    printf("%lld\n", total);
    kshark_close_all(ctx);
    kshark_free(ctx);
    return 0;
}
