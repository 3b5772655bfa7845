import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SharedRoleList } from '../../../../lib/eks/private/shared-role-list';

/** A list whose entries are names, to exercise the base class directly. */
class Names extends SharedRoleList<string> {
  public add(name: string): iam.Role {
    const role = this.ensureRole();
    this.entries.push(name);
    return role;
  }
}

describe('SharedRoleList', () => {
  test('creates the shared role once, with the first entry, and announces it once', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Stack');
    const created: iam.Role[] = [];
    let makes = 0;
    const names = new Names(() => {
      makes += 1;
      return new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    }, (role) => created.push(role));
    // THEN: no role before the first entry
    expect(names.role).toBeUndefined();
    expect(makes).toBe(0);
    // WHEN
    const first = names.add('a');
    const second = names.add('b');
    // THEN
    expect(second).toBe(first);
    expect(names.role).toBe(first);
    expect(makes).toBe(1);
    expect(created).toEqual([first]);
    expect(names.all).toEqual(['a', 'b']);
  });

  test('all is a copy', () => {
    const stack = new Stack(new App(), 'Stack');
    const names = new Names(() => new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') }), () => undefined);
    names.add('a');
    names.all.push('b');
    expect(names.all).toEqual(['a']);
  });
});
