// Copies the distributed files of our npm dependencies into wwwroot/lib (git-ignored).
// Only the files pages actually load are copied; add a line here when a page needs a new library.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const files = [
  ['bootstrap/dist/css/bootstrap.min.css', 'bootstrap/bootstrap.min.css'],
  ['bootstrap/dist/js/bootstrap.bundle.min.js', 'bootstrap/bootstrap.bundle.min.js'],
  ['leaflet/dist/leaflet.js', 'leaflet/leaflet.js'],
  ['leaflet/dist/leaflet.css', 'leaflet/leaflet.css'],
];

for (const [from, to] of files) {
  const target = join('wwwroot', 'lib', to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join('node_modules', from), target);
}
