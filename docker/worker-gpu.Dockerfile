# GPU worker: the webgpu backend (Dawn's Node bindings, the `webgpu` package, prebuilt) on
# Vulkan. No CUDA, cuDNN or libtensorflow: the image needs only the Vulkan loader (libvulkan1)
# and GLVND's dispatch library (libglvnd0), which the NVIDIA ICD (libGLX_nvidia) links to. The
# NVIDIA container toolkit mounts the driver and its Vulkan ICD when NVIDIA_DRIVER_CAPABILITIES
# includes `graphics` (see docker-compose.yml). mesa-vulkan-drivers is not needed on NVIDIA.
FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg libvulkan1 libglvnd0 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx prisma generate
# TFJS_BACKEND stays unset: the worker picks webgpu on a hardware adapter and falls back to
# wasm (one log line says why) when the GPU is not visible in the container.
CMD ["node", "--import", "tsx", "worker/index.ts"]
