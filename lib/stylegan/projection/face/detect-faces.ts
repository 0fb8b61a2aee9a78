/**
 * Faces in a photo: face-api's SSD MobileNet v1 detector plus the 68-point
 * landmark net, run on a copy shrunk to at most TARGET_LIMITS.detectSide px;
 * boxes and landmarks are scaled back to photo pixels. Largest face first.
 */
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import type { RawImage } from './align';
import { TARGET_LIMITS, type DetectedFace } from '../target-image';
import { loadFaceApi } from './face-api';

export async function detectFaces(photo: RawImage, minConfidence = 0.5): Promise<DetectedFace[]> {
  const faceapi = await loadFaceApi();
  const scale = Math.min(1, TARGET_LIMITS.detectSide / Math.max(photo.width, photo.height));
  let small = photo;
  if (scale < 1) {
    const w = Math.max(1, Math.round(photo.width * scale));
    const h = Math.max(1, Math.round(photo.height * scale));
    const buf = await sharp(Buffer.from(photo.data), { raw: { width: photo.width, height: photo.height, channels: 3 } }).resize(w, h, { fit: 'fill' }).raw().toBuffer();
    small = { width: w, height: h, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
  }
  const input = tf.tensor3d(small.data, [small.height, small.width, 3], 'int32');
  try {
    const found = await faceapi
      .detectAllFaces(input as unknown as never, new faceapi.SsdMobilenetv1Options({ minConfidence }))
      .withFaceLandmarks();
    const sx = photo.width / small.width;
    const sy = photo.height / small.height;
    return found
      .map((f) => ({
        box: { x: f.detection.box.x * sx, y: f.detection.box.y * sy, width: f.detection.box.width * sx, height: f.detection.box.height * sy },
        score: f.detection.score,
        landmarks: f.landmarks.positions.map((p) => ({ x: p.x * sx, y: p.y * sy })),
      }))
      .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
  } finally {
    input.dispose();
  }
}
