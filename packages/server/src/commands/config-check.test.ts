import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../cli.js';
import { examplePolicyFile } from '../hub/demo-hub.js';
import { captureIO, writeBrokenPolicy } from '../hub/hub-for-tests.js';

const folder = mkdtempSync(join(tmpdir(), 'liaison-config-check-'));

describe('liaison --help', () => {
  it.each([[[]], [['--help']], [['-h']], [['help']]])('%j lists every command with a summary', async (args) => {
    const { io, stdout } = captureIO(folder);
    expect(await main(args, io)).toBe(0);
    for (const command of ['serve', 'config check', 'migrate', 'token create', 'demo']) expect(stdout()).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
  });

  it.each(['serve', 'config check', 'migrate', 'token create', 'demo'])('liaison %s --help shows its usage', async (command) => {
    const { io, stdout } = captureIO(folder);
    expect(await main([...command.split(' '), '--help'], io)).toBe(0);
    expect(stdout()).toContain(`Usage: liaison ${command}`);
  });

  it('names an unknown command and shows the help, exit 1', async () => {
    const { io, stderr } = captureIO(folder);
    expect(await main(['serv'], io)).toBe(1);
    expect(stderr()).toContain('unknown command "serv"');
    expect(stderr()).toContain('Commands:');
  });
});

describe('liaison config check FILE', () => {
  it('says the example is valid, exit 0', async () => {
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['config', 'check', examplePolicyFile], io)).toBe(0);
    expect(stdout()).toContain('is valid: Northfield University Library, 6 departments');
    expect(stderr()).toBe('');
  });

  it('prints every error with its line and path, exit 1', async () => {
    const { file, expected } = writeBrokenPolicy(folder);
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'broken.yaml'], io)).toBe(1);
    const lines = stderr().trim().split('\n');
    for (const { path, line, text } of expected) {
      expect(lines.find((l) => l.startsWith(`broken.yaml:${line}: ${path}: `)), `${path} at line ${line} in:\n${stderr()}`).toContain(text);
    }
    expect(lines.at(-1)).toBe(`${expected.length} problems in broken.yaml.`);
    expect(stdout()).toBe('');
    expect(file).toContain(folder);
  });

  it('warns about a liaison team with no backup, and still says the file is valid, exit 0', async () => {
    const example = readFileSync(examplePolicyFile, 'utf8');
    const withoutBackup = example.replace('    primary: U024REF0001\n    backups: [U024REF0002]\n', '    primary: U024REF0001\n');
    expect(withoutBackup).not.toBe(example);
    writeFileSync(join(folder, 'lonely.yaml'), withoutBackup);
    const { io, stdout, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'lonely.yaml'], io)).toBe(0);
    expect(stderr()).toBe('warning: lonely.yaml: liaison_teams[0].backups: "Chemistry" has no backup; while U024REF0001 is away nobody covers it; name at least one backup who is not the primary liaison\n');
    expect(stdout()).toContain('lonely.yaml is valid');
  });

  it('refuses a liaison team whose department is not listed, with a suggestion', async () => {
    const example = readFileSync(examplePolicyFile, 'utf8');
    writeFileSync(join(folder, 'team-department.yaml'), example.replace('    department: reference\n    primary: U024REF0001', '    department: refrence\n    primary: U024REF0001'));
    const { io, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'team-department.yaml'], io)).toBe(1);
    expect(stderr()).toMatch(/liaison_teams\[0\]\.department: "refrence" is not a department; did you mean "reference"\?/);
  });

  it('explains a missing file and a missing argument, exit 1', async () => {
    const missing = captureIO(folder);
    expect(await main(['config', 'check', 'nope.yaml'], missing.io)).toBe(1);
    expect(missing.stderr()).toContain('file not found');
  });

  it('checks ./liaison.config.yaml when no file is named, as connectors check does', async () => {
    const here = mkdtempSync(join(tmpdir(), 'liaison-default-'));
    const none = captureIO(here);
    expect(await main(['config', 'check'], none.io)).toBe(1);
    expect(none.stderr()).toContain('liaison.config.yaml: file not found');
    writeFileSync(join(here, 'liaison.config.yaml'), readFileSync(examplePolicyFile, 'utf8'));
    const found = captureIO(here);
    expect(await main(['config', 'check'], found.io)).toBe(0);
    expect(found.stdout()).toContain('liaison.config.yaml is valid');
  });

  it('names a routing rule\'s unknown department, with the departments there are', async () => {
    const text = readFileSync(examplePolicyFile, 'utf8');
    const at = text.indexOf('department: ill', text.indexOf('id: ill-status'));
    writeFileSync(join(folder, 'department.yaml'), text.slice(0, at) + 'department: interlibrary' + text.slice(at + 'department: ill'.length));
    const { io, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'department.yaml'], io)).toBe(1);
    expect(stderr()).toMatch(/^department\.yaml:\d+: handoff\.rules\[2\]\.department: "interlibrary" is not a department; .*eresources/m);
  });

  it('reports a YAML syntax error, exit 1', async () => {
    writeFileSync(join(folder, 'syntax.yaml'), 'library:\n  name: "Unclosed\n  time_zone: UTC\n');
    const { io, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'syntax.yaml'], io)).toBe(1);
    expect(stderr()).toMatch(/^syntax\.yaml(:\d+)?: YAML syntax/m);
  });

  it.each([
    ['deeper than the keys beside it', '   time_zone: America/Chicago', 'column 3 like "name:"'],
    ['between two levels', ' time_zone: America/Chicago', 'column 3 like "name:" or to column 1 like "library:"'],
  ])('reports a line indented %s once, at its own line, with how to indent it', async (_, misindented, hint) => {
    // The example with one line of its `library:` section indented wrongly.
    const lines = readFileSync(examplePolicyFile, 'utf8').split('\n');
    const at = lines.findIndex((line) => line.startsWith('  time_zone:'));
    lines[at] = misindented;
    writeFileSync(join(folder, 'indent.yaml'), lines.join('\n'));
    const { io, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'indent.yaml'], io)).toBe(1);
    expect(stderr()).toBe(
      `indent.yaml:${at + 1}: YAML indentation: this line starts at column ${misindented.search(/\S/) + 1}, which lines up with no key above it; ` +
        `indent it to ${hint}, with spaces, as the keys it belongs with\n1 problem in indent.yaml.\n`,
    );
  });

  it('reports a mis-indented key inside a list item once, at its own line', async () => {
    writeFileSync(join(folder, 'item.yaml'), 'departments:\n  - id: eresources\n    name: E-resources\n   slack_channel: "#eres"\n  - id: ill\n    name: ILL\n');
    const { io, stderr } = captureIO(folder);
    expect(await main(['config', 'check', 'item.yaml'], io)).toBe(1);
    expect(stderr()).toMatch(/^item\.yaml:4: YAML indentation: this line starts at column 4, .*; indent it to column 5 like "name:" or to column 3 like "- id:"/);
    expect(stderr()).toContain('1 problem in item.yaml.');
  });

  it('checks the README\'s short example as valid, with nothing to warn of, and warns (exit 0) when weekdays are left out', async () => {
    const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
    const example = /## The policy file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toContain('library:');
    writeFileSync(join(folder, 'readme.yaml'), example!);
    const complete = captureIO(folder);
    expect(await main(['config', 'check', 'readme.yaml'], complete.io)).toBe(0);
    expect(complete.stderr()).toBe('');
    // The example as it once was: open Monday, Friday and the weekend only.
    writeFileSync(join(folder, 'three-days.yaml'), example!.replace(/opening_hours:[\s\S]*?sunday: closed \}/, 'opening_hours: { monday: "07:30-24:00", friday: "07:30-20:00", saturday: "10:00-18:00", sunday: closed }'));
    const partial = captureIO(folder);
    expect(await main(['config', 'check', 'three-days.yaml'], partial.io)).toBe(0);
    for (const day of ['tuesday', 'wednesday', 'thursday']) expect(partial.stderr()).toMatch(new RegExp(`warning: three-days\\.yaml(:\\d+)?: library\\.opening_hours\\.${day}: the library is closed every`));
    expect(partial.stdout()).toContain('is valid');
  });
});
