"""Timing driver for the official StyleGAN2-ADA code (bench/compare).

Imports NVIDIA's networks and loss from the source tree named by SG2ADA_DIR at run time;
none of that code is in this repository (its licence is non-commercial). Run by
bench/compare/index.ts with Debian's /usr/bin/python3 (python3-torch), one JSON object
per line in both directions:

  {"op": "synth", "res": 32, "batch": 16, "calls": 5}
      -> {"ok": true, "times": [seconds per call, ...]}
  {"op": "train", "res": 32, "batch": 16, "steps": [1, 2, 16]}
      -> {"ok": true, "steps": [{"batchIdx": 1, "Gmain": s, "Dmain": s, "Dreg": s, "ema": s, "total": s}, ...]}

Architecture (both sides): z/w 512, 8 mapping layers, 64 channels at every resolution,
float32 (no fp16 layers, no conv clamp), resnet D with minibatch-stddev group 4. Training as
the official training_loop runs it with lazy regularisation: phases Gmain, Greg (nothing to do
with pl_weight 0), Dmain, Dreg every r1_interval steps with gain = interval, Adam with the
lazy-regularisation lr/beta ratio, then the G_ema update. No augmentation.
"""
import json
import os
import sys
import time

THREADS = int(os.environ.get('REFERENCE_THREADS', '2'))
R1_INTERVAL = 16
BATCH = 16


def fail(message):
    sys.stdout.write(json.dumps({'ok': False, 'error': message}) + '\n')
    sys.stdout.flush()


def main():
    sg2 = os.environ.get('SG2ADA_DIR')
    if not sg2 or not os.path.isfile(os.path.join(sg2, 'training', 'networks.py')):
        fail('SG2ADA_DIR does not point at an unpacked stylegan2-ada-pytorch tree')
        return
    try:
        import numpy as np  # noqa: F401
        import torch
    except Exception as err:  # pragma: no cover - depends on the host
        fail(f'torch is not importable: {err}')
        return
    sys.path.insert(0, sg2)
    import warnings
    warnings.filterwarnings('ignore')
    from training.networks import Generator, Discriminator
    from training.loss import StyleGAN2Loss

    torch.set_num_threads(THREADS)
    torch.manual_seed(0)
    device = torch.device('cpu')

    def kwargs(res):
        common = dict(c_dim=0, img_resolution=res, img_channels=3)
        g = dict(z_dim=512, w_dim=512, mapping_kwargs=dict(num_layers=8),
                 synthesis_kwargs=dict(channel_base=64 * res * 4, channel_max=64, num_fp16_res=0, conv_clamp=None), **common)
        d = dict(channel_base=64 * res * 4, channel_max=64, num_fp16_res=0, conv_clamp=None,
                 block_kwargs=dict(), mapping_kwargs=dict(), epilogue_kwargs=dict(mbstd_group_size=4), **common)
        return g, d

    nets = {}

    def networks(res):
        if res in nets:
            return nets[res]
        gk, dk = kwargs(res)
        G = Generator(**gk).train().requires_grad_(False).to(device)
        D = Discriminator(**dk).train().requires_grad_(False).to(device)
        G_ema = Generator(**gk).eval().requires_grad_(False).to(device)
        G_ema.load_state_dict(G.state_dict())
        gamma = 0.0002 * res * res / BATCH
        loss = StyleGAN2Loss(device=device, G_mapping=G.mapping, G_synthesis=G.synthesis, D=D,
                             augment_pipe=None, style_mixing_prob=0.9, r1_gamma=gamma, pl_weight=0)
        opts = {}
        for name, module, interval in (('G', G, 4), ('D', D, R1_INTERVAL)):
            ratio = interval / (interval + 1)
            opts[name] = torch.optim.Adam(module.parameters(), lr=0.0025 * ratio, betas=(0 ** ratio, 0.99 ** ratio), eps=1e-8)
        reals = torch.randn([BATCH, 3, res, res], device=device).clamp(-1, 1)
        nets[res] = dict(G=G, D=D, G_ema=G_ema, loss=loss, opts=opts, reals=reals, nimg=0)
        return nets[res]

    def synth(res, batch, calls):
        G = networks(res)['G_ema']
        z = torch.randn([batch, G.z_dim])
        c = torch.zeros([batch, 0])
        times = []
        with torch.no_grad():
            for _ in range(calls):
                t0 = time.perf_counter()
                img = G(z, c, truncation_psi=0.7, noise_mode='const')
                img.numpy()
                times.append(time.perf_counter() - t0)
        return {'times': times}

    def phase(n, name, module, opt, gain):
        # One phase of the official training_loop (batch_gpu = batch: one round).
        opt.zero_grad(set_to_none=True)
        module.requires_grad_(True)
        z = torch.randn([BATCH, 512])
        c = torch.zeros([BATCH, 0])
        n['loss'].accumulate_gradients(phase=name, real_img=n['reals'], real_c=c, gen_z=z, gen_c=c, sync=True, gain=gain)
        module.requires_grad_(False)
        for p in module.parameters():
            if p.grad is not None:
                torch.nan_to_num(p.grad, nan=0, posinf=1e5, neginf=-1e5, out=p.grad)
        opt.step()

    def train(res, steps):
        n = networks(res)
        G, D, G_ema = n['G'], n['D'], n['G_ema']
        out = []
        for batch_idx in steps:
            row = {'batchIdx': batch_idx, 'Gmain': 0.0, 'Dmain': 0.0, 'Dreg': 0.0, 'ema': 0.0}
            t_start = time.perf_counter()
            t0 = time.perf_counter()
            phase(n, 'Gmain', G, n['opts']['G'], 1)
            row['Gmain'] = time.perf_counter() - t0
            t0 = time.perf_counter()
            phase(n, 'Dmain', D, n['opts']['D'], 1)
            row['Dmain'] = time.perf_counter() - t0
            if batch_idx % R1_INTERVAL == 0:
                t0 = time.perf_counter()
                phase(n, 'Dreg', D, n['opts']['D'], R1_INTERVAL)
                row['Dreg'] = time.perf_counter() - t0
            t0 = time.perf_counter()
            ema_nimg = min(BATCH * 10 / 32 * 1000, n['nimg'] * 0.05)
            beta = 0.5 ** (BATCH / max(ema_nimg, 1e-8))
            with torch.no_grad():
                for p_ema, p in zip(G_ema.parameters(), G.parameters()):
                    p_ema.copy_(p.lerp(p_ema, beta))
                for b_ema, b in zip(G_ema.buffers(), G.buffers()):
                    b_ema.copy_(b)
            n['nimg'] += BATCH
            row['ema'] = time.perf_counter() - t0
            row['total'] = time.perf_counter() - t_start
            out.append(row)
        return {'steps': out}

    sys.stdout.write(json.dumps({'ok': True, 'ready': True, 'torch': torch.__version__, 'threads': torch.get_num_threads()}) + '\n')
    sys.stdout.flush()
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            req = json.loads(line)
            if req['op'] == 'synth':
                res = synth(int(req['res']), int(req['batch']), int(req['calls']))
            elif req['op'] == 'train':
                res = train(int(req['res']), [int(s) for s in req['steps']])
            else:
                raise ValueError(f"unknown op {req['op']}")
            res['ok'] = True
            sys.stdout.write(json.dumps(res) + '\n')
        except Exception as err:  # report and keep serving
            sys.stdout.write(json.dumps({'ok': False, 'error': f'{type(err).__name__}: {err}'}) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
