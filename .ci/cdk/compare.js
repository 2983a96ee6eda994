// Compares two folders of ASL files semantically: same states, types, resources, timeouts,
// catches and payload keys. Key order and placeholder names may differ: placeholders are
// renamed `${P1}`, `${P2}`, ... in order of first appearance, keys visited sorted.
'use strict';

const fs = require('fs');
const path = require('path');
const assert = require('assert');

const normalise = (value, names = []) => {
  if (typeof value === 'string') {
    return value.replace(/\$\{([^}]*)\}/g, (_, name) => {
      if (!names.includes(name)) names.push(name);
      return '${P' + (names.indexOf(name) + 1) + '}';
    });
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, names));
  if (value && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) out[key] = normalise(value[key], names);
    return out;
  }
  return value;
};

const [cdkDir, oursDir] = process.argv.slice(2);
let failed = 0;
for (const file of fs.readdirSync(cdkDir).filter((f) => f.endsWith('.asl.json')).sort()) {
  const read = (dir) => normalise(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  try {
    assert.deepStrictEqual(read(oursDir), read(cdkDir));
    console.log(`${file}: same as CDK`);
  } catch (error) {
    failed += 1;
    console.log(`${file}: differs from CDK\n${error.message}`);
  }
}
process.exit(failed ? 1 : 0);
