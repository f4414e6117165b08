import { join } from 'node:path';
import { folderEdges, readSourceFiles } from './import-graph';
import { layerViolations } from './layer-rules';

describe('folder layering of src/ (docs/ARCHITECTURE.md)', () => {
  it('has no import against the layers and no cycle between folders', () => {
    expect(layerViolations(folderEdges(readSourceFiles(join(__dirname, '..', '..'))))).toEqual([]);
  });
});
