#!/usr/bin/python3
"""The reference for the vector store benchmark: FAISS IndexFlatIP (exact inner product) on the same files.

    bench_faiss.py VECTORS.f32 QUERIES.f32 DIMENSION THREADS SINGLE_QUERIES BATCHES EXACT_IDS.i64

Reads float32 row-major files written by the C# benchmark, searches k=10 one query at a time and in
batches of 32 on THREADS threads, and prints one JSON line: queries/s for both, and how often FAISS's
top-10 agrees with the C# exact answer (EXACT_IDS: int64, 10 per query; a sanity check, expected 1.0).
Debian's python3-faiss links the reference BLAS unless libopenblas0-pthread is installed; install it.
"""
import json
import sys
import time

import faiss
import numpy as np


def main():
    vectors_path, queries_path, dim, threads, singles, batches, exact_path = sys.argv[1:8]
    dim, threads, singles, batches = int(dim), int(threads), int(singles), int(batches)
    faiss.omp_set_num_threads(threads)
    vectors = np.fromfile(vectors_path, dtype=np.float32).reshape(-1, dim)
    queries = np.fromfile(queries_path, dtype=np.float32).reshape(-1, dim)
    index = faiss.IndexFlatIP(dim)
    index.add(vectors)
    k = 10

    index.search(queries[:1], k)
    start = time.perf_counter()
    found = []
    for q in range(singles):
        _, ids = index.search(queries[q:q + 1], k)
        found.append(ids[0])
    single_qps = singles / (time.perf_counter() - start)

    start = time.perf_counter()
    for b in range(batches):
        index.search(queries[b * 32:(b + 1) * 32], k)
    batch_qps = batches * 32 / (time.perf_counter() - start)

    exact = np.fromfile(exact_path, dtype=np.int64).reshape(-1, k)
    agreement = np.mean([len(set(found[q]) & set(exact[q])) / k for q in range(min(singles, len(exact)))])
    print(json.dumps({"threads": threads, "single_qps": single_qps, "batch32_qps": batch_qps,
                      "agreement_with_exact": float(agreement), "faiss": faiss.__version__}))


if __name__ == "__main__":
    main()
