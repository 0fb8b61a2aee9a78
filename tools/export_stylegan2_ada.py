#!/usr/bin/env python3
"""Export a StyleGAN2-ADA network pickle to the folder layout Latent Atelier reads.

Run it in your own StyleGAN2-ADA environment (PyTorch installed, the official
NVlabs/stylegan2-ada-pytorch checkout on PYTHONPATH so the pickle can be
unpickled), e.g.

    PYTHONPATH=/path/to/stylegan2-ada-pytorch \
        python tools/export_stylegan2_ada.py network-snapshot.pkl out/my-model

It writes
    out/my-model/G.safetensors      G.state_dict()      (official tensor names)
    out/my-model/G_ema.safetensors  G_ema.state_dict()
    out/my-model/D.safetensors      D.state_dict()
    out/my-model/config.json        {"generator_kwargs": G.init_kwargs,
                                     "discriminator_kwargs": D.init_kwargs, ...}

Networks missing from the pickle (e.g. a G_ema-only release) are skipped.
--fp16 stores the weights as float16 (half the size; what the repository ships).
Needs the `safetensors` package (pip install safetensors).
"""
import argparse
import json
import os
import pickle
import sys


def plain(value):
    """init_kwargs as JSON: EasyDict -> dict, tuples -> lists, numpy scalars -> numbers."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, 'item') and callable(value.item):
        return value.item()
    return value


def state_dict_tensors(module, fp16):
    import torch
    out = {}
    for name, tensor in module.state_dict().items():
        tensor = tensor.detach().to('cpu', torch.float16 if fp16 else torch.float32).contiguous()
        out[name] = tensor
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('pkl', help='network pickle from stylegan2-ada-pytorch (train.py snapshot or NVIDIA release)')
    parser.add_argument('outdir', help='folder to create')
    parser.add_argument('--fp16', action='store_true', help='store weights as float16')
    args = parser.parse_args()

    try:
        import dnnlib  # noqa: F401  (the official repo must be importable to unpickle)
        import torch_utils  # noqa: F401
    except ImportError:
        sys.exit('error: put the official stylegan2-ada-pytorch checkout on PYTHONPATH')
    from safetensors.torch import save_file

    with open(args.pkl, 'rb') as f:
        data = pickle.load(f)

    os.makedirs(args.outdir, exist_ok=True)
    written = []
    for key in ('G', 'G_ema', 'D'):
        net = data.get(key)
        if net is None:
            continue
        save_file(state_dict_tensors(net, args.fp16), os.path.join(args.outdir, f'{key}.safetensors'),
                  metadata={'source': os.path.basename(args.pkl), 'network': key})
        written.append(key)

    g = data.get('G_ema') or data.get('G')
    d = data.get('D')
    if g is None:
        sys.exit('error: the pickle holds no generator (G or G_ema)')
    config = {
        'source': os.path.basename(args.pkl),
        'generator_kwargs': plain(g.init_kwargs),
        'num_ws': int(g.num_ws),
    }
    if d is not None:
        config['discriminator_kwargs'] = plain(d.init_kwargs)
    with open(os.path.join(args.outdir, 'config.json'), 'w') as f:
        json.dump(config, f, indent=2)
        f.write('\n')
    print(f'wrote {", ".join(written)} and config.json to {args.outdir}')


if __name__ == '__main__':
    main()
