import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASURES } from '../../../src/core/measures';

const root = join(__dirname, '..', '..', '..');

interface MenuItem {
  readonly command?: string;
  readonly submenu?: string;
  readonly when?: string;
  readonly group?: string;
}
interface Contributes {
  readonly commands: readonly { readonly command: string; readonly title: string }[];
  readonly submenus: readonly { readonly id: string; readonly label: string }[];
  readonly menus: { readonly [menu: string]: readonly MenuItem[] };
  readonly walkthroughs: readonly {
    readonly id: string;
    readonly steps: readonly { readonly id: string; readonly description: string; readonly media: { readonly image: string; readonly altText: string }; readonly completionEvents: readonly string[] }[];
  }[];
}

const contributes = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: Contributes }).contributes;
const SUBMENU = 'divergenceLens.submenu';

describe("package.json's menus and walkthrough", () => {
  it("the editor's context menu holds one Divergence submenu, shown on a selection", () => {
    assert.deepEqual(contributes.submenus, [{ id: SUBMENU, label: 'Divergence' }]);
    assert.deepEqual(contributes.menus['editor/context'], [{ submenu: SUBMENU, when: 'editorHasSelection', group: 'divergence@1' }]);
  });

  it('every selection command, All Measures included, is in the submenu', () => {
    const inSubmenu = contributes.menus[SUBMENU]!.map((i) => i.command);
    const selectionCommands = contributes.commands.map((c) => c.command).filter((c) => /OfSelection$/.test(c));
    const fromRegistry = MEASURES.flatMap((d) => (d.command ? [`divergenceLens.${d.command.name}`] : []));
    assert.ok(selectionCommands.includes('divergenceLens.allMeasuresOfSelection'));
    for (const c of [...selectionCommands, ...fromRegistry]) assert.ok(inSubmenu.includes(c), `${c} is not in the Divergence submenu`);
    for (const c of ['divergenceLens.klRowByRow', 'divergenceLens.pinReference', 'divergenceLens.insertResultAsComment']) assert.ok(inSubmenu.includes(c), c);
    const declared = new Set(contributes.commands.map((c) => c.command));
    for (const item of contributes.menus[SUBMENU]!) {
      assert.ok(declared.has(item.command!), `${item.command} is not a contributed command`);
      assert.match(item.when ?? '', /editorHasSelection/);
    }
  });

  it('the Get Started walkthrough: each step has an image in media/ and completes on a contributed command its link runs', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.ok(walkthrough && walkthrough.steps.length >= 3);
    const declared = new Set(contributes.commands.map((c) => c.command));
    const packaged = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    for (const step of walkthrough.steps) {
      assert.ok(packaged.includes(`!${step.media.image}`), `.vscodeignore leaves ${step.media.image} out of the .vsix`);
      assert.match(step.media.image, /^media\/.+\.png$/);
      assert.ok(existsSync(join(root, step.media.image)), `${step.media.image} is missing`);
      assert.ok(step.media.altText.length > 10, step.id);
      assert.equal(step.completionEvents.length, 1, step.id);
      const command = step.completionEvents[0]!.replace(/^onCommand:/, '');
      assert.ok(declared.has(command), `${step.id}: ${command}`);
      assert.ok(step.description.includes(`(command:${command})`), `${step.id}: its button runs ${command}`);
    }
  });
});
