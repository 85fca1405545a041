import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { jsonBody } from './limits';

function app(limit: number) {
  const a = express();
  a.post('/echo', jsonBody(limit), (req, res) => {
    res.json({ received: req.body });
  });
  a.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return a;
}

describe('jsonBody', () => {
  it('passes JSON within the limit through', async () => {
    const res = await request(app(1024)).post('/echo').send({ count: 4 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: { count: 4 } });
  });

  it('answers 413 naming the limit for a body that is too large', async () => {
    const res = await request(app(1024))
      .post('/echo')
      .send({ pad: 'x'.repeat(5000) });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({
      name: 'PayloadTooLargeError',
      message: expect.stringMatching(
        /^Request body too large \(\d+ bytes\): at most 1024 bytes of JSON are accepted$/,
      ),
    });
  });

  it('answers 413 for a chunked body without Content-Length too', async () => {
    const server = app(1024).listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const { status, body } = await new Promise<{
        status?: number;
        body: string;
      }>((resolve, reject) => {
        const req = http.request(
          {
            port,
            method: 'POST',
            path: '/echo',
            headers: { 'Content-Type': 'application/json' },
          },
          res => {
            let text = '';
            res.on('data', d => (text += d));
            res.on('end', () =>
              resolve({ status: res.statusCode, body: text }),
            );
          },
        );
        req.on('error', reject);
        // Written in pieces: Node sends it chunked, with no Content-Length.
        req.write('{"pad": "');
        for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
        req.end('"}');
      });
      expect(status).toBe(413);
      expect(JSON.parse(body).error.message).toMatch(/at most 1024 bytes/);
    } finally {
      server.close();
    }
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await request(app(1024))
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"count": 4,');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/^Request body is not valid JSON: /),
    });
  });
});
