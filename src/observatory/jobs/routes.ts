import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../../access/route-permission.js';
import { errorResponses, IdParam, json, jsonBody, problem } from '../../http/openapi.js';
import { createRouter } from '../../http/router.js';
import { HotspotPermutationJobInputSchema, JobResultSchema, JobSchema, NearRepeatJobInputSchema } from './schemas.js';
import * as service from './service.js';

const tags = ['observatory'];
const conflictResponse = { 409: problem('Too many analyses running, or the job is not (or no longer) in the state asked') };
const jobResponses = { 202: json(JobSchema, 'The job, queued; poll GET /observatory/jobs/{jobId}'), ...errorResponses, ...conflictResponse };

const startNearRepeat = createRoute({
  ...permission('read_aggregates'),
  method: 'post', path: '/observatory/jobs/near-repeat', tags,
  summary: 'Starts a near-repeat (Knox) analysis of the caller’s incidents in the background (not for partners)',
  request: jsonBody(NearRepeatJobInputSchema),
  responses: jobResponses,
});

const startHotspotPermutation = createRoute({
  ...permission('read_aggregates'),
  method: 'post', path: '/observatory/jobs/hotspot-permutation', tags,
  summary: 'Starts Gi* permutation inference on the hotspot units in the background',
  request: jsonBody(HotspotPermutationJobInputSchema),
  responses: jobResponses,
});

const listJobs = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/jobs', tags, summary: 'The caller’s latest background analyses',
  responses: { 200: json(z.array(JobSchema), 'Jobs, newest first'), ...errorResponses },
});

const getJob = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/jobs/{jobId}', tags, summary: 'One of the caller’s jobs: status and progress',
  request: { params: IdParam('jobId') },
  responses: { 200: json(JobSchema, 'The job'), ...errorResponses },
});

const getResult = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/jobs/{jobId}/result', tags, summary: 'The result of a finished job (409 while it runs, or with its problem)',
  request: { params: IdParam('jobId') },
  responses: { 200: json(JobResultSchema, 'Knox table, or hotspot units with pseudo p-values'), ...errorResponses, ...conflictResponse },
});

const cancelJob = createRoute({
  ...permission('read_aggregates'),
  method: 'post', path: '/observatory/jobs/{jobId}/cancel', tags, summary: 'Cancels one of the caller’s queued or running jobs',
  request: { params: IdParam('jobId') },
  responses: { 200: json(JobSchema, 'The job, cancelled'), ...errorResponses, ...conflictResponse },
});

export function observatoryJobRoutes() {
  return createRouter()
    .openapi(startNearRepeat, async (c) => c.json(await service.startNearRepeat(c.get('db'), c.get('actor'), c.req.valid('json')), 202))
    .openapi(startHotspotPermutation, async (c) => c.json(await service.startHotspotPermutation(c.get('db'), c.get('actor'), c.req.valid('json')), 202))
    .openapi(listJobs, async (c) => c.json(await service.listJobs(c.get('db'), c.get('actor')), 200))
    .openapi(getJob, async (c) => c.json(await service.getJob(c.get('db'), c.get('actor'), c.req.valid('param').jobId), 200))
    .openapi(getResult, async (c) => c.json((await service.jobResult(c.get('db'), c.get('actor'), c.req.valid('param').jobId)) as z.infer<typeof JobResultSchema>, 200))
    .openapi(cancelJob, async (c) => c.json(await service.cancelJob(c.get('db'), c.get('actor'), c.req.valid('param').jobId), 200));
}
