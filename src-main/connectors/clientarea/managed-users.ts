import { SsoLink } from '../../../src-shared/api/sso.js';
import { ActivationSent, ManagedUsersCreated, type CreateManagedUsers } from '../../../src-shared/api/team.js';
import type { ManagedUsersPart } from '../connector.js';
import { seg, type ApiSession } from './api-session.js';

/** Users the owner creates directly at the Client Area Access API (`/accounts/{id}/managed-users`). */
export class ClientareaManagedUsers implements ManagedUsersPart {
  constructor(private readonly api: ApiSession) {}

  async create(accountId: string, request: CreateManagedUsers) {
    return (await this.api.write(ManagedUsersCreated, 'POST', `/accounts/${seg(accountId)}/managed-users`, request)).items;
  }

  sendActivation(accountId: string, userId: string) {
    return this.api.write(ActivationSent, 'POST', `/accounts/${seg(accountId)}/managed-users/${seg(userId)}/activation`, {});
  }

  viewAs(accountId: string, userId: string) {
    return this.api.write(SsoLink, 'POST', `/accounts/${seg(accountId)}/managed-users/${seg(userId)}/view-as`, {});
  }
}
