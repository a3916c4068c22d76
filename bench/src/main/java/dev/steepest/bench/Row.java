package dev.steepest.bench;

/**
 * One line of the benchmark's JSON output.
 *
 * @param family     elementwise, step, djl, newton-schulz, polar
 * @param kernel     the operation (sgd, adamw, ns5, …)
 * @param size       problem size (1M, 16M, 1024x1024, …)
 * @param impl       which implementation ran (ours-vector, ours-plain, djl-pytorch, libtorch, OpenBLAS, optimizer, blas-calls, …)
 * @param medianMs   median time per call
 * @param q1Ms       first quartile of the time per call
 * @param q3Ms       third quartile of the time per call
 * @param throughput median throughput in {@code unit}
 * @param unit       GB/s (bytes actually read and written), GFLOP/s, or calls/s
 * @param ratio      median of the per-round ratios against {@code ratioTo} (NaN where none)
 * @param ratioTo    triad (our bandwidth / triad bandwidth), kernel (kernel time / optimizer step time), djl or
 *                   libtorch (their time / our time), gemm or sgesdd (our time / their time),
 *                   blas-calls (muon step time / its BLAS calls alone), or null
 * @param verdict    PASS or MISS against the target for this row, or null where no target applies
 */
record Row(String family, String kernel, String size, String impl, double medianMs, double q1Ms, double q3Ms,
           double throughput, String unit, Double ratio, String ratioTo, String verdict) {
}
