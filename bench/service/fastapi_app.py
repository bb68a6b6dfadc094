"""The FastAPI + uvicorn baseline of bench/service: scikit-learn's LogisticRegression (one-hot
categories, the same objective as Cairn's linear.Logistic) trained on the same CSV, serving
POST /predict with the exported service's request and answer shapes. Debian's packages only
(python3-fastapi, python3-uvicorn, python3-sklearn): numpy, no pandas."""
import csv
import os

import numpy as np
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder

with open(os.environ["BENCH_DATA"], newline="") as f:
    records = list(csv.DictReader(f))
features = [c for c in records[0] if c != "y"]
categorical = ["color"]
numeric = [c for c in features if c not in categorical]
onehot = OneHotEncoder(handle_unknown="ignore", sparse_output=False)


def matrix(rows, fit=False):
    num = np.array([[float(r[c]) for c in numeric] for r in rows])
    cat = np.array([[str(r[c]) for c in categorical] for r in rows], dtype=object)
    enc = onehot.fit_transform(cat) if fit else onehot.transform(cat)
    return np.hstack([num, enc])


model = LogisticRegression(max_iter=1000)
model.fit(matrix(records, fit=True), [r["y"] for r in records])
classes = [str(c) for c in model.classes_]
app = FastAPI()


@app.get("/readyz")
def readyz():
    return {"status": "ready"}


@app.post("/predict")
async def predict(request: Request):
    body = await request.json()
    rows = body["rows"] if isinstance(body, dict) and "rows" in body else body
    if isinstance(rows, dict):
        rows = [rows]
    proba = model.predict_proba(matrix(rows))
    return JSONResponse({
        "predictions": [classes[i] for i in proba.argmax(axis=1)],
        "probabilities": proba.tolist(),
        "classes": classes,
    })
