"""Trains scikit-learn's reference models on the CSV files bench/ml wrote and prints JSON:
for each model, its test accuracy, fit wall and CPU time (all threads) and median single-row
predict latency.

    python3 bench/ml/sklearn_bench.py train.csv test.csv [latency_rows [models [repeat]]]
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1].astype(int)


def main():
    train, test = load(sys.argv[1]), load(sys.argv[2])
    latency_rows = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    models = {
        "random_forest": RandomForestClassifier(n_estimators=100, n_jobs=-1, random_state=0),
        "gbt": HistGradientBoostingClassifier(random_state=0),
        "logistic": LogisticRegression(max_iter=1000),
        # One OpenMP thread: no barriers, so the time holds up on a busy machine.
        "gbt_1thread": HistGradientBoostingClassifier(random_state=0),
    }
    only = set(sys.argv[4].split(",")) if len(sys.argv) > 4 else set(models)
    # Fast models are fitted `repeat` times and the median fit kept (a busy machine is noisy).
    repeat = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    out = {}
    for name, model in models.items():
        if name not in only:
            continue
        fits = []
        for _ in range(1 if name == "random_forest" else repeat):
            with threadpool_limits(1 if name.endswith("_1thread") else None):
                t0, c0 = time.perf_counter(), time.process_time()
                model.fit(*train)
                fits.append((time.perf_counter() - t0, time.process_time() - c0))
        fit, cpu = sorted(fits)[len(fits) // 2]
        acc = float((model.predict(test[0]) == test[1]).mean())
        lat = []
        for i in range(latency_rows):
            row = test[0][i : i + 1]
            t0 = time.perf_counter()
            model.predict_proba(row)
            lat.append(time.perf_counter() - t0)
        out[name] = {"accuracy": acc, "fit_seconds": fit, "fit_cpu_seconds": cpu, "predict_seconds": float(np.median(lat))}
        if name.startswith("gbt"):
            out[name]["iterations"] = int(model.n_iter_)
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
