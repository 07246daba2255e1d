export {
  type ChangeJson,
  changeToJson,
  type DescribeOptions,
  describeChange,
  diffToJson,
} from './describe.js';
export { type RenderedRevision, type RenderOptions, renderRevision } from './revision.js';
