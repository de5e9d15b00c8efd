import { strict as assert } from 'node:assert';
import { commentLine, lineCommentPrefix } from '../../../src/shared/commentSyntax';

describe('comment syntax for "Insert Result as Comment"', () => {
  it('knows the line comment of the languages people keep arrays in', () => {
    assert.equal(lineCommentPrefix('python'), '#');
    assert.equal(lineCommentPrefix('typescript'), '//');
    assert.equal(lineCommentPrefix('matlab'), '%');
    assert.equal(lineCommentPrefix('julia'), '#');
    assert.equal(lineCommentPrefix('r'), '#');
  });
  it('has none for JSON, which has no comments', () => {
    assert.equal(lineCommentPrefix('json'), undefined);
  });
  it('keeps the indentation of the line it follows', () => {
    assert.equal(commentLine('#', 'D(P‖Q) = 0.0853 nats', '    q = [1/3]'), '    # D(P‖Q) = 0.0853 nats');
    assert.equal(commentLine('//', 'x', '\tconst q = [1];'), '\t// x');
  });
});
