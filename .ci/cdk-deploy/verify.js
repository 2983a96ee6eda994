// Checks a synthesized cdk.out against the files the demo wrote: each state machine carries
// the generated definition (as the S3 asset, or inline with STEPFN_INLINE_ASL=1) and one
// substitution per placeholder, and substituting them leaves valid JSON with no placeholder.
// Usage: node verify.js <asl dir> <cdk.out> <asset|inline>
'use strict';
const fs = require('fs');
const path = require('path');
const assert = require('assert');

const [aslDir, out, mode] = process.argv.slice(2);
const read = (file) => fs.readFileSync(file, 'utf8');
const expected = JSON.parse(read(path.join(aslDir, 'definition-substitutions.json')));
const template = JSON.parse(read(path.join(out, 'LoanProcessorStack.template.json')));
const report = JSON.parse(read(path.join(out, 'validation-report.json')));
assert.ok(report.success !== false, 'CloudFormation Validate reported errors');

const machines = Object.entries(template.Resources).filter(
  ([, r]) => r.Type === 'AWS::StepFunctions::StateMachine',
);
for (const [file, { machine, substitutions }] of Object.entries(expected)) {
  const found = machines.find(([id]) => id.startsWith(machine));
  assert.ok(found, `no state machine ${machine} in the template`);
  const props = found[1].Properties;
  const asl = read(path.join(aslDir, file));

  let definition;
  if (mode === 'inline') {
    definition = props.DefinitionString;
    assert.strictEqual(typeof definition, 'string', `${machine}: no inline DefinitionString`);
  } else {
    const key = props.DefinitionS3Location && props.DefinitionS3Location.Key;
    assert.ok(key, `${machine}: no DefinitionS3Location`);
    definition = read(path.join(out, `asset.${key}`));
  }
  assert.strictEqual(definition, asl, `${machine}: the deployed definition is not ${file}`);

  const given = Object.keys(props.DefinitionSubstitutions || {}).sort();
  assert.deepStrictEqual(given, [...substitutions].sort(), `${machine}: substitutions`);

  // What CloudFormation does at deploy time, with each value shown as its intrinsic.
  let applied = definition;
  for (const [name, value] of Object.entries(props.DefinitionSubstitutions)) {
    applied = applied.split('${' + name + '}').join(JSON.stringify(value).replace(/"/g, "'"));
  }
  assert.ok(!applied.includes('${'), `${machine}: a placeholder is left`);
  JSON.parse(applied);
  console.log(`ok ${machine}: ${file} deployed (${mode}) with ${given.join(', ')}`);
}
