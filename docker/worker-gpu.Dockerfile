# tfjs-node-gpu 4.22 links libtensorflow 2.9 built for CUDA 11.2 / cuDNN 8.1.
FROM nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates ffmpeg python3 make g++ \
 && curl -fsSL https://deb.nodesource.com/setup_20.x | bash - && apt-get install -y nodejs && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund && npm install --no-save @tensorflow/tfjs-node-gpu@4.22.0
COPY . .
RUN npx prisma generate
CMD ["node", "--import", "tsx", "worker/index.ts"]
